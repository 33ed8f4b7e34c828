package dev.websocket.server.spring.metrics;

import dev.websocket.server.engine.WampServer;
import dev.websocket.server.spring.autoconfigure.WampServerAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics of the WAMP server, when Micrometer is present and a
 * {@link MeterRegistry} is configured: a {@link WampMetricsListener} the auto-configured
 * server picks up with its other listeners (the definition exists before the server is
 * created).
 */
@AutoConfiguration(after = WampServerAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, WampServer.class })
public final class WampMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WampMetricsListener wampMetricsListener(MeterRegistry registry) {
		return new WampMetricsListener(registry);
	}

}
