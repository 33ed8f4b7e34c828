package dev.websocket.server.spring.annotation;

import java.time.Duration;

import dev.websocket.server.engine.WampServer;
import dev.websocket.server.engine.WampServerSettings;
import dev.websocket.server.spring.autoconfigure.WampServerCustomizer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds a {@link WampServer} the way the main auto-configuration does (every customizer
 * applied in order, the settings of a {@link WampServerSettings} bean if any), so the
 * annotation support is tested without a web server.
 */
@Configuration(proxyBeanMethods = false)
class TestWampServerConfiguration {

	@Bean
	WampServer wampServer(ObjectProvider<WampServerSettings> settings,
			ObjectProvider<WampServerCustomizer> customizers) {
		WampServer.Builder builder = WampServer.builder();
		settings.ifAvailable(builder::settings);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	DisposableBean wampServerShutdown(WampServer server) {
		return () -> server.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(5));
	}

}
