package dev.websocket.server.spring.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.websocket.server.connection.AttributeStore;
import dev.websocket.server.connection.Attributes;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.spring.autoconfigure.WampServerCustomizer;
import dev.websocket.server.wamp.WampException;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.Topic;
import dev.websocket.server.wamp.topic.TopicHandler;
import dev.websocket.server.wamp.WampConnection;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small application with test handlers registered through a
 * {@link WampServerCustomizer}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApplication {

	static final String BASE = "http://example.com/";

	/**
	 * Everything is permitted; HTTP Basic credentials, when sent, give the handshake a
	 * principal.
	 */
	@Bean
	SecurityWebFilterChain permitAllWithBasic(ServerHttpSecurity http) {
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

	/** A handshake with header {@code X-Slow-Principal} never resolves its principal. */
	@Bean
	WebFilter slowPrincipal() {
		return (exchange, chain) -> (exchange.getRequest().getHeaders().getFirst("X-Slow-Principal") != null)
				? chain.filter(exchange.mutate().principal(Mono.never()).build()) : chain.filter(exchange);
	}

	/**
	 * Starts a WebSession over HTTP ({@code GET /test/session}), as a page's login would.
	 * @param port the test server's port
	 * @return the {@code Cookie} header value that names the session
	 * @throws Exception when the request fails
	 */
	static String startSession(int port) throws Exception {
		HttpResponse<Void> started = HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/test/session"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(started.statusCode()).as("session started").isEqualTo(204);
		String cookie = started.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
		assertThat(cookie).startsWith("SESSION=");
		return cookie;
	}

	/**
	 * {@code GET /test/session} starts a WebSession and answers 204 with its cookie, as a
	 * page's login would.
	 */
	@Bean
	WebFilter sessionStarter() {
		return (exchange,
				chain) -> "/test/session".equals(exchange.getRequest().getPath().value()) ? exchange.getSession()
					.doOnNext((session) -> session.getAttributes().put("started", true))
					.then(Mono.defer(() -> {
						exchange.getResponse().setStatusCode(org.springframework.http.HttpStatus.NO_CONTENT);
						return exchange.getResponse().setComplete();
					})) : chain.filter(exchange);
	}

	@Bean
	EventRecorder eventRecorder() {
		return new EventRecorder();
	}

	@Bean
	WampServerCustomizer testHandlers() {
		return (builder) -> builder
			.rpc(BASE + "calc#sum",
					(invocation) -> invocation.spreadArguments().stream().mapToLong(JsonNode::asLong).sum())
			.rpc(BASE + "calc#echo", (invocation) -> invocation.arguments())
			.rpc(BASE + "async/{name}", (invocation) -> Mono.just("hello " + invocation.variables().get("name")))
			.rpc(BASE + "fail/app", (invocation) -> {
				throw new WampException(BASE + "error#app", "Application failure", Map.of("reason", "test"));
			})
			.rpc(BASE + "fail/bug", (invocation) -> {
				throw new IllegalStateException("secret internal detail");
			})
			.rpc(BASE + "whoami", (invocation) -> {
				var principal = invocation.connection().principal();
				return (principal != null) ? principal.getName() : null;
			})
			.rpc(BASE + "attributes", (invocation) -> {
				AttributeStore attributes = invocation.connection().attributes();
				HttpRequest request = attributes.get(Attributes.HTTP_REQUEST, HttpRequest.class);
				return Map.of("webSession", attributes.get(Attributes.SESSION) instanceof WebSession, "remoteAddress",
						attributes.get(Attributes.REMOTE_ADDRESS, ""), "path",
						(request != null) ? request.uri().getPath() : "", "subprotocols",
						(request != null) ? request.subprotocols() : java.util.List.of(), "sessionIdAttribute",
						attributes.get(Attributes.WAMP_SESSION_ID, ""), "cookies",
						(request != null) ? request.cookies() : Map.of(), "testHeader",
						(request != null && request.header("X-Test") != null) ? request.header("X-Test") : "",
						"protocolHeader",
						(request != null && request.header("Sec-WebSocket-Protocol") != null)
								? request.header("Sec-WebSocket-Protocol") : "",
						"headerNames",
						(request != null) ? new java.util.TreeSet<>(request.headers().keySet()) : java.util.List.of());
			})
			.topic(BASE + "chat/{room}", new TopicHandler() {
			})
			.topic(BASE + "guarded", new TopicHandler() {
				@Override
				public boolean onSubscribe(WampConnection connection, Topic topic, Map<String, String> variables) {
					return false;
				}
			})
			.topic(BASE + "shout", new TopicHandler() {
				@Override
				public @Nullable Publication onPublish(WampConnection publisher, Topic topic, Publication publication,
						Map<String, String> variables) {
					return publication.withEvent(Map.of("shouted", String.valueOf(publication.event())));
				}
			});
	}

}
