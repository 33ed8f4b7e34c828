package dev.websocket.server.spring.actuate;

import dev.websocket.server.engine.WampServer;
import dev.websocket.server.spring.autoconfigure.WampServerAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link WampEndpoint wamp} actuator endpoint, when Actuator is present and the
 * endpoint is available (enabled and exposed:
 * {@code management.endpoints.web.exposure.include=wamp}).
 */
@AutoConfiguration(after = WampServerAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(WampServer.class)
@ConditionalOnAvailableEndpoint(WampEndpoint.class)
public final class WampEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WampEndpoint wampEndpoint(WampServer server) {
		return new WampEndpoint(server);
	}

}
