package dev.websocket.server.spring.auth;

import dev.websocket.server.engine.WampAuthorizer;
import dev.websocket.server.spring.autoconfigure.WampServerCustomizer;
import dev.websocket.server.wamp.auth.WampCraAuthentication;
import dev.websocket.server.wamp.auth.WampCraSecrets;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * WAMP-CRA on the WAMP endpoint when the application defines a {@link WampCraSecrets}
 * bean: registers {@code http://api.wamp.ws/procedure#authreq} and {@code #auth} as
 * procedures and puts authentication in front of the application's
 * {@link WampAuthorizer}. With {@code websocket.server.auth.required=true} (also without
 * secrets: then only handshake principals authenticate) unauthenticated connections are
 * restricted and closed after {@code websocket.server.auth.timeout}.
 */
@AutoConfiguration(beforeName = "dev.websocket.server.spring.autoconfigure.WampServerAutoConfiguration")
@ConditionalOnBooleanProperty(name = "websocket.server.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WampAuthProperties.class)
public final class WampAuthAutoConfiguration {

	/**
	 * Applied after every other customizer, so that the authorizer it wraps is the
	 * application's bean whatever the others did.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	@ConditionalOnMissingBean(WampCraAuthentication.class)
	@Conditional(SecretsOrRequired.class)
	WampCraAuthentication wampCraAuthentication(WampAuthProperties properties, ObjectProvider<WampCraSecrets> secrets,
			ObjectProvider<JsonMapper> mapper) {
		return WampCraAuthentication.builder()
			.secrets(secrets.getIfUnique())
			.required(properties.required())
			.timeout(properties.timeout())
			.failureDelay(properties.failureDelay(), properties.failureJitter())
			.mapper(mapper.getIfUnique(() -> JsonMapper.builder().build()))
			.build();
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	@ConditionalOnBean(WampCraAuthentication.class)
	@ConditionalOnMissingBean(name = "wampAuthCustomizer")
	WampServerCustomizer wampAuthCustomizer(WampCraAuthentication authentication,
			ObjectProvider<WampAuthorizer> authorizer) {
		return (builder) -> authentication.install(builder, authorizer.getIfAvailable(() -> WampAuthorizer.PERMIT_ALL));
	}

	/** A secrets bean, or authentication required. */
	static final class SecretsOrRequired extends AnyNestedCondition {

		SecretsOrRequired() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(WampCraSecrets.class)
		static final class Secrets {

		}

		@ConditionalOnBooleanProperty("websocket.server.auth.required")
		static final class Required {

		}

	}

}
