package dev.websocket.server.spring.auth;

import java.time.Duration;

import dev.websocket.server.spring.autoconfigure.WampServerAutoConfiguration;
import dev.websocket.server.wamp.auth.WampCraAuthentication;
import dev.websocket.server.wamp.auth.WampCraSecrets;
import dev.websocket.server.wamp2.auth.Wamp2Authenticator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class WampAuthAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WampAuthAutoConfiguration.class, WampServerAutoConfiguration.class));

	@Test
	void withoutSecretsNorRequirementNothingIsConfigured() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(WampCraAuthentication.class)
			.doesNotHaveBean("wampAuthCustomizer"));
	}

	@Test
	void secretsBeanSwitchesWampCraOn() {
		this.runner.withBean(WampCraSecrets.class, () -> WampCraSecrets.builder().plain("joe", "secret").build())
			.run((context) -> assertThat(context).hasSingleBean(WampCraAuthentication.class)
				.hasBean("wampAuthCustomizer"));
	}

	@Test
	void requiredWithoutSecretsStillRestrictsConnections() {
		this.runner.withPropertyValues("websocket.server.auth.required=true")
			.run((context) -> assertThat(context).hasSingleBean(WampCraAuthentication.class));
	}

	@Test
	void propertiesHaveDocumentedDefaults() {
		this.runner.withBean(WampCraSecrets.class, () -> WampCraSecrets.builder().build()).run((context) -> {
			WampAuthProperties properties = context.getBean(WampAuthProperties.class);
			assertThat(properties.required()).isFalse();
			assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.failureDelay()).isEqualTo(Duration.ofSeconds(1));
			assertThat(properties.failureJitter()).isEqualTo(Duration.ofSeconds(1));
			assertThat(properties.tickets()).isEmpty();
			assertThat(properties.roles()).isEmpty();
			assertThat(properties.defaultRole()).isEqualTo("user");
		});
	}

	@Test
	void withoutTicketsNorSecretsTheV2AuthenticatorPerformsNoMethod() {
		this.runner.run((context) -> assertThat(context.getBean(Wamp2Authenticator.class).authmethods()).isEmpty());
	}

	@Test
	void ticketsPropertiesAndTheSecretsBeanMakeTheV2Authenticator() {
		this.runner
			.withPropertyValues("websocket.server.auth.tickets.joe=secret", "websocket.server.auth.roles.joe=admin")
			.withBean(WampCraSecrets.class, () -> WampCraSecrets.builder().plain("peter", "secret").build())
			.run((context) -> {
				Wamp2Authenticator authenticator = context.getBean(Wamp2Authenticator.class);
				assertThat(authenticator.authmethods()).containsExactlyInAnyOrder("ticket", "wampcra");
				assertThat(authenticator.verifyTicket("joe", "secret")).isTrue();
				assertThat(authenticator.verifyTicket("joe", "Secret")).isFalse();
				assertThat(authenticator.verifyTicket("peter", "secret")).isFalse();
				assertThat(authenticator.authrole("joe", "ticket")).isEqualTo("admin");
				assertThat(authenticator.authrole("peter", "wampcra")).isEqualTo("user");
				assertThat(authenticator.wampcraSecret("peter")).isNotNull();
				assertThat(authenticator.wampcraSecret("joe")).isNull();
				assertThat(context.getBean(WampAuthProperties.class).toString()).doesNotContain("secret");
			});
	}

	@Test
	void anApplicationsV2AuthenticatorReplacesTheConfiguredOne() {
		Wamp2Authenticator own = () -> java.util.Set.of("ticket");
		this.runner.withPropertyValues("websocket.server.auth.tickets.joe=secret")
			.withBean(Wamp2Authenticator.class, () -> own)
			.run((context) -> assertThat(context.getBean(Wamp2Authenticator.class)).isSameAs(own));
	}

}
