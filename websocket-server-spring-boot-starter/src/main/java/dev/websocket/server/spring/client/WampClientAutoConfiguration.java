package dev.websocket.server.spring.client;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnResource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the JavaScript client from its WebJar at a path without a version:
 * {@code /wamp-client/wamp.js} (ES module) and {@code /wamp-client/ab.js} (the classic
 * script defining AutobahnJS 0.8's global {@code ab}). On by default;
 * {@code websocket.server.client.enabled=false} turns it off. The WebJar's own versioned
 * path ({@code /webjars/websocket-server-wamp/<version>/…}) is Spring Boot's and stays.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(prefix = "websocket.server.client", name = "enabled", havingValue = "true",
		matchIfMissing = true)
@ConditionalOnResource(resources = WampClientAutoConfiguration.WEBJAR)
public final class WampClientAutoConfiguration {

	/** The fixed path the client is served under. */
	public static final String PATH = "/wamp-client/";

	static final String WEBJAR = "classpath:META-INF/resources/webjars/websocket-server-wamp/";

	private static final Logger logger = LoggerFactory.getLogger(WampClientAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(name = "wampClientRouterFunction")
	RouterFunction<ServerResponse> wampClientRouterFunction(ResourceLoader resourceLoader) throws IOException {
		// the WebJar's directory is named for its version: find it rather than hard-code
		// it
		Resource[] modules = ResourcePatternUtils.getResourcePatternResolver(resourceLoader)
			.getResources("classpath*:META-INF/resources/webjars/websocket-server-wamp/*/wamp.js");
		if (modules.length == 0) {
			throw new IllegalStateException("The websocket-server-wamp WebJar on the class path has no wamp.js; "
					+ "rebuild it, or set websocket.server.client.enabled=false");
		}
		if (modules.length > 1) {
			logger.warn("{} copies of websocket-server-wamp on the class path; serving {}", modules.length, modules[0]);
		}
		Resource location = modules[0].createRelative("./");
		// no version in the path, so browsers must revalidate to see an upgrade
		return RouterFunctions.resources(PATH + "**", location,
				(resource, headers) -> headers.setCacheControl(CacheControl.noCache()));
	}

}
