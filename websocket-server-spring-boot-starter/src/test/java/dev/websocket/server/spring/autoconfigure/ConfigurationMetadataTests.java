package dev.websocket.server.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.websocket.server.engine.WampServerSettings;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's defaults are written once, in {@link WampServerSettings.Builder}; the
 * configuration metadata (what IDEs show, where the README's table comes from) states
 * them as text and must agree.
 */
class ConfigurationMetadataTests {

	@Test
	void defaultsInTheMetadataBindToTheEnginesOwnDefaults() throws IOException {
		Map<String, Object> defaults = new HashMap<>();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			@SuppressWarnings("unchecked")
			Map<String, List<Map<String, Object>>> metadata = JsonMapper.builder().build().readValue(in, Map.class);
			for (Map<String, Object> property : metadata.get("properties")) {
				String name = (String) property.get("name");
				if (property.containsKey("defaultValue") && !name.startsWith("websocket.server.broker.")) {
					defaults.put(name, property.get("defaultValue"));
				}
			}
		}
		assertThat(defaults).containsKeys("websocket.server.server-ident", "websocket.server.error-uri-base",
				"websocket.server.exclude-publisher", "websocket.server.max-message-size",
				"websocket.server.max-uri-length", "websocket.server.call-timeout",
				"websocket.server.keep-alive.ping-interval", "websocket.server.keep-alive.max-unanswered-pings",
				"websocket.server.limits.max-subscriptions", "websocket.server.limits.max-prefixes",
				"websocket.server.limits.max-in-flight-calls", "websocket.server.outbound.max-messages",
				"websocket.server.outbound.max-bytes", "websocket.server.outbound.overflow-policy",
				"websocket.server.limits.publish-rate", "websocket.server.limits.publish-burst",
				"websocket.server.limits.publish-bytes-rate", "websocket.server.limits.publish-bytes-burst",
				"websocket.server.limits.publish-policy");
		WampServerProperties bound = new Binder(new MapConfigurationPropertySource(defaults))
			.bind("websocket.server", WampServerProperties.class)
			.get();
		assertThat(WampServerAutoConfiguration.settings(bound)).isEqualTo(WampServerSettings.defaults());
	}

}
