package dev.websocket.server.spring.minimal;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.websocket.server.client.WampClient;
import dev.websocket.server.client.WampHandshakeException;
import dev.websocket.server.spring.annotation.WampRpc;
import dev.websocket.server.spring.annotation.WampTopic;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.web.server.reactive.context.AnnotationConfigReactiveWebServerApplicationContext;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The starter's promise: a WebFlux application with only the starter, one
 * {@code @WampRpc} bean and one {@code @WampTopic} bean, and no configuration at all,
 * serves WAMP v1 at {@code /ws}. Spring Security, an optional library on this module's
 * test class path, has its auto-configuration left out; with it, Boot's default chain
 * demands a login for {@code /ws}, as the README says. The other optional libraries
 * (Spring Data Redis, Actuator, Micrometer) need no configuration.
 */
class StarterOnlyApplicationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ReactiveWebApplicationContextRunner withSecurity = new ReactiveWebApplicationContextRunner(
			AnnotationConfigReactiveWebServerApplicationContext::new)
		.withUserConfiguration(Application.class)
		.withPropertyValues("server.port=0");

	private final ReactiveWebApplicationContextRunner runner = this.withSecurity.withPropertyValues(
			"spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
					+ "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration,"
					+ "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration,"
					+ "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration");

	@Test
	void servesCallsAndTopicsAtSlashWsWithNoConfiguration() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			WampClient client = WampClient.builder(endpoint(context)).connect().block(TIMEOUT);
			try {
				assertThat(client.subprotocol()).isEqualTo("wamp");
				assertThat(client.call("greet", "ann").block(TIMEOUT).asString()).isEqualTo("hello ann");
				StepVerifier.create(client.events("news").take(1))
					.then(() -> client.call("greet", "sync")
						.then(client.publish("news", Map.of("text", "hi")))
						.block(TIMEOUT))
					.assertNext((event) -> assertThat(event.get("text").asString()).isEqualTo("hi"))
					.expectComplete()
					.verify(TIMEOUT);
			}
			finally {
				client.abort();
			}
		});
	}

	@Test
	void withBootsDefaultSecurityAnAnonymousHandshakeIsRefusedWith401() {
		this.withSecurity.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThatExceptionOfType(WampHandshakeException.class)
				.isThrownBy(() -> WampClient.builder(endpoint(context)).connect().block(TIMEOUT))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401));
		});
	}

	private static URI endpoint(ApplicationContext context) {
		ApplicationContext source = (context instanceof AssertableReactiveWebApplicationContext assertable)
				? assertable.getSourceApplicationContext() : context;
		int port = ((ReactiveWebServerApplicationContext) source).getWebServer().getPort();
		return URI.create("ws://localhost:" + port + "/ws");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ Greeter.class, News.class })
	static class Application {

	}

	@Component
	static class Greeter {

		@WampRpc("greet")
		String greet(String name) {
			return "hello " + name;
		}

	}

	@WampTopic("news")
	static class News {

	}

}
