package dev.websocket.server.spring.redis;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.websocket.server.client.WampClient;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.spring.autoconfigure.WampServerCustomizer;
import dev.websocket.server.spring.push.WampTemplate;
import dev.websocket.server.wamp.topic.TopicHandler;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * A small chat server as a user would write it: one topic pattern, the Redis broker
 * switched on by property, HTTP Basic for users "alice" and "bob" (anonymous connections
 * are allowed too).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class RedisChatTestApplication {

	static final Duration DEADLINE = Duration.ofSeconds(20);

	@Bean
	WampServerCustomizer chatTopics() {
		return (builder) -> builder.topic("chat/{room}", new TopicHandler() {
		});
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.httpBasic(Customizer.withDefaults())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.build();
	}

	@Bean
	MapReactiveUserDetailsService users() {
		return new MapReactiveUserDetailsService(
				User.withUsername("alice").password("{noop}secret").roles("USER").build(),
				User.withUsername("bob").password("{noop}secret").roles("USER").build());
	}

	/**
	 * Starts one node on a random port, sharing the given Redis under the given channel
	 * prefix.
	 */
	static Node start(int redisPort, String channelPrefix) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(RedisChatTestApplication.class)
			.web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redisPort,
					"websocket.server.broker.type=redis",
					"websocket.server.broker.redis.channel-prefix=" + channelPrefix,
					"websocket.server.broker.redis.command-timeout=500ms",
					"websocket.server.broker.redis.health-check-interval=200ms",
					"websocket.server.broker.redis.reconnect-max-backoff=1s",
					"management.endpoints.web.exposure.include=health",
					"management.endpoint.health.show-components=always", "spring.main.banner-mode=off")
			.run();
		return new Node(context);
	}

	/** A running node and the clients connected to it. */
	static final class Node implements AutoCloseable {

		final ConfigurableApplicationContext context;

		final int port;

		private final List<WampClient> clients = new ArrayList<>();

		Node(ConfigurableApplicationContext context) {
			this.context = context;
			this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
		}

		RedisBroker broker() {
			return this.context.getBean(RedisBroker.class);
		}

		WampTemplate template() {
			return this.context.getBean(WampTemplate.class);
		}

		WampServer server() {
			return this.context.getBean(WampServer.class);
		}

		/** The number of local subscribers of a topic. */
		int subscribers(String topicUri) {
			return server().topic(topicUri).map((topic) -> topic.size()).orElse(0);
		}

		WampClient connect() {
			return connect(null);
		}

		WampClient connect(String user) {
			WampClient.Builder builder = WampClient.builder(URI.create("ws://127.0.0.1:" + this.port + "/ws"))
				.header("Origin", "http://127.0.0.1:" + this.port);
			if (user != null) {
				String credentials = Base64.getEncoder()
					.encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8));
				builder.header("Authorization", "Basic " + credentials);
			}
			WampClient client = builder.connect().block(DEADLINE);
			this.clients.add(client);
			return client;
		}

		@Override
		public void close() {
			for (WampClient client : this.clients) {
				client.abort();
			}
			this.context.close();
		}

	}

	static String uniquePrefix() {
		return "wamp-test:" + UUID.randomUUID() + ":";
	}

}
