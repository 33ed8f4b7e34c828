package dev.websocket.server.spring.actuate;

import dev.websocket.server.spring.autoconfigure.WampServerAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code wamp} endpoint exists only when the application exposes it. */
class WampEndpointAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WampServerAutoConfiguration.class,
				EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
				WampEndpointAutoConfiguration.class));

	@Test
	void notExposedByDefault() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WampEndpoint.class));
	}

	@Test
	void exposedWhenTheApplicationIncludesIt() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=health,wamp")
			.run((context) -> assertThat(context).hasSingleBean(WampEndpoint.class));
	}

	@Test
	void offWhenItsAccessIsNone() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=wamp",
					"management.endpoint.wamp.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(WampEndpoint.class));
	}

}
