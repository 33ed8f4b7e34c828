package dev.websocket.server.spring.auth;

import java.time.Duration;

import dev.websocket.server.spring.autoconfigure.WampServerAutoConfiguration;
import dev.websocket.server.wamp.auth.WampCraAuthentication;
import dev.websocket.server.wamp.auth.WampCraSecrets;
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
		});
	}

}
