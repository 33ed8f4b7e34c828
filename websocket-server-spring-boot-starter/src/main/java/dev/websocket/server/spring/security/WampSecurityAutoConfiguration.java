package dev.websocket.server.spring.security;

import dev.websocket.server.engine.WampAuthorizer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authorization.AuthorizationManager;

/**
 * Enforces the application's {@link WampSecurityRules} bean: exposes it as the
 * {@link WampAuthorizer} the server uses. Active when Spring Security is on the class
 * path and a rules bean is defined (and no other {@code WampAuthorizer} bean); without
 * rules everything is permitted.
 */
@AutoConfiguration(beforeName = "dev.websocket.server.spring.autoconfigure.WampServerAutoConfiguration")
@ConditionalOnClass({ AuthorizationManager.class, WampAuthorizer.class })
@ConditionalOnBooleanProperty(name = "websocket.server.enabled", matchIfMissing = true)
public final class WampSecurityAutoConfiguration {

	@Bean
	@ConditionalOnBean(WampSecurityRules.class)
	@ConditionalOnMissingBean(WampAuthorizer.class)
	WampSecurityAuthorizer wampSecurityAuthorizer(WampSecurityRules rules) {
		return new WampSecurityAuthorizer(rules);
	}

}
