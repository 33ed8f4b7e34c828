package dev.websocket.server.spring.actuate;

import dev.websocket.server.engine.WampServer;
import dev.websocket.server.spring.autoconfigure.WampServerAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Contributes the WAMP server's health ({@code wamp}) when Spring Boot's health support
 * is present; turned off with {@code management.health.wamp.enabled=false}.
 */
@AutoConfiguration(after = WampServerAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(WampServer.class)
@ConditionalOnEnabledHealthIndicator("wamp")
public final class WampHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "wampHealthIndicator")
	WampServerHealthIndicator wampHealthIndicator(WampServer server) {
		return new WampServerHealthIndicator(server);
	}

}
