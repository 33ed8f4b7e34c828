package dev.websocket.server.spring.security;

import java.security.Principal;
import java.time.Duration;

import dev.websocket.server.engine.WampAuthorizer;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.spring.annotation.OnPublish;
import dev.websocket.server.spring.annotation.WampAnnotationsAutoConfiguration;
import dev.websocket.server.spring.annotation.WampRpc;
import dev.websocket.server.spring.annotation.WampTopic;
import dev.websocket.server.spring.autoconfigure.WampServerCustomizer;
import dev.websocket.server.testing.InMemoryTransport;
import dev.websocket.server.wamp.message.WampMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.authority.AuthorityUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules enforced by the engine through the auto-configured authorizer. */
class WampSecurityIntegrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WampAnnotationsAutoConfiguration.class,
				WampSecurityAutoConfiguration.class))
		.withUserConfiguration(ServerConfiguration.class);

	private final ApplicationContextRunner secured = this.runner.withUserConfiguration(RulesConfiguration.class)
		.withBean(AdminProcedures.class)
		.withBean(StaffTopic.class)
		.withBean(OpenTopic.class);

	@Test
	void rulesBeanIsEnforcedThroughAnAuthorizer() {
		this.runner.withUserConfiguration(RulesConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(WampAuthorizer.class)
				.hasSingleBean(WampSecurityAuthorizer.class));
	}

	@Test
	void noRulesNoAuthorizer() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(WampAuthorizer.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesAnAuthorizer() {
		this.runner.withUserConfiguration(RulesConfiguration.class)
			.withBean(WampAuthorizer.class, () -> WampAuthorizer.PERMIT_ALL)
			.run((context) -> assertThat(context).hasSingleBean(WampAuthorizer.class)
				.doesNotHaveBean(WampSecurityAuthorizer.class));
	}

	@Test
	void offWithoutSpringSecurity() {
		this.runner.withUserConfiguration(RulesConfiguration.class)
			.withClassLoader(new FilteredClassLoader(AuthorizationManager.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WampAuthorizer.class));
	}

	@Test
	void anonymousCallToAProtectedProcedureIsNotAuthorized() {
		this.secured.run((context) -> {
			InMemoryTransport.Client client = connect(context.getBean(WampServer.class), null);
			client.send("[2,\"c\",\"admin/whoami\"]");
			WampMessage.CallError error = client.next(WampMessage.CallError.class);
			assertThat(error.errorUri()).isEqualTo("http://api.wamp.ws/error#NotAuthorized");
		});
	}

	@Test
	void userWithoutTheRoleIsNotAuthorized() {
		this.secured.run((context) -> {
			InMemoryTransport.Client client = connect(context.getBean(WampServer.class), user("bob", "ROLE_USER"));
			client.send("[2,\"c\",\"admin/whoami\"]");
			assertThat(client.next(WampMessage.CallError.class).errorUri())
				.isEqualTo("http://api.wamp.ws/error#NotAuthorized");
		});
	}

	@Test
	void adminCallsTheProtectedProcedureAndItsPrincipalIsBound() {
		this.secured.run((context) -> {
			InMemoryTransport.Client client = connect(context.getBean(WampServer.class), user("ada", "ROLE_ADMIN"));
			client.send("[2,\"c\",\"admin/whoami\"]");
			assertThat(client.nextText()).isEqualTo("[3,\"c\",\"ada\"]");
		});
	}

	@Test
	void anonymousSubscriberOfAProtectedTopicReceivesNothing() {
		this.secured.run((context) -> {
			WampServer server = context.getBean(WampServer.class);
			InMemoryTransport.Client publisher = connect(server, user("ada", "ROLE_ADMIN"));
			InMemoryTransport.Client anonymous = connect(server, null);
			anonymous.send("[5,\"staff/news\"]");
			anonymous.send("[5,\"open/news\"]");
			publisher.send("[7,\"staff/news\",\"secret\"]");
			publisher.send("[7,\"open/news\",\"public\"]");
			assertThat(anonymous.nextText()).isEqualTo("[8,\"open/news\",\"public\"]");
		});
	}

	@Test
	void authenticatedSubscriberOfAProtectedTopicReceivesEvents() {
		this.secured.run((context) -> {
			WampServer server = context.getBean(WampServer.class);
			InMemoryTransport.Client publisher = connect(server, user("ada", "ROLE_ADMIN"));
			InMemoryTransport.Client bob = connect(server, user("bob", "ROLE_USER"));
			bob.send("[5,\"staff/news\"]");
			publisher.send("[7,\"staff/news\",\"secret\"]");
			assertThat(bob.nextText()).isEqualTo("[8,\"staff/news\",\"secret\"]");
		});
	}

	@Test
	void anonymousPublishToAProtectedTopicIsIgnored() {
		this.secured.run((context) -> {
			WampServer server = context.getBean(WampServer.class);
			InMemoryTransport.Client anonymous = connect(server, null);
			InMemoryTransport.Client bob = connect(server, user("bob", "ROLE_USER"));
			bob.send("[5,\"staff/news\"]");
			anonymous.send("[7,\"staff/news\",\"forged\"]");
			bob.send("[5,\"open/news\"]");
			anonymous.send("[7,\"open/news\",\"fine\"]");
			assertThat(bob.nextText()).isEqualTo("[8,\"open/news\",\"fine\"]");
		});
	}

	private static InMemoryTransport.Client connect(WampServer server, Principal principal) {
		InMemoryTransport.Client client = new InMemoryTransport(server).connect(InMemoryTransport.request(principal));
		client.welcome();
		return client;
	}

	private static Principal user(String name, String... authorities) {
		return UsernamePasswordAuthenticationToken.authenticated(name, null,
				AuthorityUtils.createAuthorityList(authorities));
	}

	@Configuration(proxyBeanMethods = false)
	static class ServerConfiguration {

		@Bean
		WampServer wampServer(ObjectProvider<WampServerCustomizer> customizers,
				ObjectProvider<WampAuthorizer> authorizer) {
			WampServer.Builder builder = WampServer.builder();
			authorizer.ifAvailable(builder::authorizer);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		@Bean
		DisposableBean wampServerShutdown(WampServer server) {
			return () -> server.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(5));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RulesConfiguration {

		@Bean
		WampSecurityRules wampSecurityRules() {
			return WampSecurityRules.builder()
				.call("admin/**")
				.hasRole("ADMIN")
				.subscribe("staff/**")
				.authenticated()
				.publish("staff/**")
				.authenticated()
				.build();
		}

	}

	static class AdminProcedures {

		@WampRpc("admin/whoami")
		String whoami(Principal principal) {
			return principal.getName();
		}

	}

	@WampTopic("staff/{name}")
	static class StaffTopic {

	}

	@WampTopic("open/{name}")
	static class OpenTopic {

		@OnPublish
		void publish() {
		}

	}

}
