package dev.websocket.server.spring.diagnostics;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;

/**
 * Fails the start of a servlet web application that has the starter on its classpath: the
 * WAMP endpoint runs on Spring WebFlux only, so under Spring MVC it would never be served
 * and its path would answer 404 without a word in the log. The failure names both fixes;
 * {@code websocket.server.enabled=false} keeps the starter (e.g. for its client) without
 * the check.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "websocket.server.enabled", matchIfMissing = true)
public final class WampServletApplicationAutoConfiguration implements InitializingBean {

	@Override
	public void afterPropertiesSet() {
		throw new WampConfigurationException(
				"The WAMP server runs on Spring WebFlux, but this application is a servlet web application "
						+ "(Spring MVC is on the classpath): its endpoint would not be served.",
				"Set spring.main.web-application-type=reactive, or remove spring-boot-starter-web "
						+ "(spring-boot-starter-webmvc) from the application's dependencies.");
	}

}
