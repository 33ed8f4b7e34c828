package dev.websocket.server.spring.auth;

import dev.websocket.server.engine.WampAuthorizer;
import dev.websocket.server.spring.autoconfigure.WampServerCustomizer;
import dev.websocket.server.wamp.auth.WampCraAuthentication;
import dev.websocket.server.wamp.auth.WampCraSecrets;
import dev.websocket.server.wamp2.auth.Wamp2Authentication;
import dev.websocket.server.wamp2.auth.Wamp2Authenticator;
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
 *
 * <p>
 * WAMP v2 logins: {@code ticket} and {@code wampcra} through the
 * {@link Wamp2Authenticator} bean, the application's or one made of
 * {@code websocket.server.auth.tickets} and the {@link WampCraSecrets} bean (the same
 * secrets as v1's WAMP-CRA); anonymous sessions unless authentication is required.
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

	/**
	 * The v2 authenticator of the properties' tickets and roles and the v1 secrets bean,
	 * unless the application defines its own.
	 */
	@Bean
	@ConditionalOnMissingBean
	Wamp2Authenticator wamp2Authenticator(WampAuthProperties properties, ObjectProvider<WampCraSecrets> secrets) {
		Wamp2Authenticator.Builder builder = Wamp2Authenticator.builder().defaultRole(properties.defaultRole());
		properties.tickets().forEach(builder::ticket);
		properties.roles().forEach(builder::role);
		return builder.wampcra(secrets.getIfUnique()).build();
	}

	@Bean
	@ConditionalOnMissingBean(name = "wamp2AuthCustomizer")
	WampServerCustomizer wamp2AuthCustomizer(WampAuthProperties properties, Wamp2Authenticator authenticator) {
		Wamp2Authentication authentication = Wamp2Authentication.builder()
			.authenticator(authenticator)
			.required(properties.required())
			.failureDelay(properties.failureDelay(), properties.failureJitter())
			.build();
		return (builder) -> builder.wamp2Authentication(authentication);
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
