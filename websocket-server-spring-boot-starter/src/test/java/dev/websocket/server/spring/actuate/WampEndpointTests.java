package dev.websocket.server.spring.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import dev.websocket.server.client.WampClient;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.spring.annotation.WampRpc;
import dev.websocket.server.spring.annotation.WampTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code wamp} endpoint over HTTP, exposed as a user would expose it. */
@SpringBootTest(classes = WampEndpointTests.EndpointApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=wamp")
class WampEndpointTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	private WebTestClient http;

	private WampClient alice;

	private WampClient bob;

	@BeforeEach
	void connect() {
		this.http = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		URI uri = URI.create("ws://localhost:" + this.port + "/ws");
		this.alice = WampClient.connect(uri).block(TIMEOUT);
		this.bob = WampClient.connect(uri).block(TIMEOUT);
		this.alice.subscribe("chat/lobby", (event) -> {
		}).block(TIMEOUT);
		this.bob.subscribe("chat/lobby", (event) -> {
		}).block(TIMEOUT);
		this.bob.subscribe("chat/games", (event) -> {
		}).block(TIMEOUT);
		// SUBSCRIBE has no answer; a CALL after it is answered once it took effect
		this.alice.call("calc/add", 1, 2).block(TIMEOUT);
		this.bob.call("calc/add", 1, 2).block(TIMEOUT);
	}

	@AfterEach
	void close() {
		this.alice.abort();
		this.bob.abort();
	}

	@Test
	void reportsSessionsTopicsRegistrationsAndBroker() {
		this.http.get()
			.uri("/actuator/wamp")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sessions.count")
			.isEqualTo(2)
			.jsonPath("$.sessions.byProtocol.wamp")
			.isEqualTo(2)
			.jsonPath("$.topics.count")
			.isEqualTo(2)
			.jsonPath("$.topics.busiest[0].uri")
			.isEqualTo("chat/lobby")
			.jsonPath("$.topics.busiest[0].subscribers")
			.isEqualTo(2)
			.jsonPath("$.topics.busiest[1].uri")
			.isEqualTo("chat/games")
			.jsonPath("$.procedures[0]")
			.isEqualTo("calc/add")
			.jsonPath("$.topicPatterns[0]")
			.isEqualTo("chat/{room}")
			.jsonPath("$.broker.type")
			.isEqualTo("InMemoryBroker")
			.jsonPath("$.broker.available")
			.isEqualTo(true);
	}

	@Test
	void countsWampV2SessionsApartFromV1Ones() throws Exception {
		CompletableFuture<String> welcome = new CompletableFuture<>();
		WebSocket v2 = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.subprotocols("wamp.2.json")
			.buildAsync(URI.create("ws://localhost:" + this.port + "/ws"), new WebSocket.Listener() {
				@Override
				public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
					welcome.complete(data.toString());
					return null;
				}
			})
			.get(10, TimeUnit.SECONDS);
		try {
			v2.sendText("[1,\"realm1\",{\"roles\":{\"subscriber\":{}}}]", true).get(10, TimeUnit.SECONDS);
			assertThat(welcome.get(10, TimeUnit.SECONDS)).startsWith("[2,");
			this.http.get()
				.uri("/actuator/wamp")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.sessions.count")
				.isEqualTo(3)
				.jsonPath("$.sessions.byProtocol.wamp")
				.isEqualTo(2)
				.jsonPath("$.sessions.byProtocol['wamp.2']")
				.isEqualTo(1);
		}
		finally {
			v2.abort();
		}
	}

	@Test
	void reportsOneSessionById() {
		this.http.get()
			.uri("/actuator/wamp/{id}", this.bob.sessionId())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sessionId")
			.isEqualTo(this.bob.sessionId())
			.jsonPath("$.protocol")
			.isEqualTo("wamp")
			.jsonPath("$.subscriptionCount")
			.isEqualTo(2)
			.jsonPath("$.subscriptions[0]")
			.isEqualTo("chat/games")
			.jsonPath("$.remoteAddress")
			.exists();
	}

	@Test
	void unknownSessionIsNotFound() {
		this.http.get().uri("/actuator/wamp/no-such-session").exchange().expectStatus().isNotFound();
	}

	@Test
	void deleteClosesTheSessionWithPolicyViolation() {
		this.http.delete()
			.uri("/actuator/wamp/{id}", this.alice.sessionId())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sessionId")
			.isEqualTo(this.alice.sessionId());
		CloseStatus status = this.alice.closed().block(TIMEOUT);
		assertThat(status.code()).isEqualTo(1008);
		assertThat(status.reason()).isEqualTo("Closed by an administrator");
		assertThat(this.bob.isClosed()).isFalse();
	}

	@Test
	void deletingAnUnknownSessionIsNotFound() {
		this.http.delete().uri("/actuator/wamp/no-such-session").exchange().expectStatus().isNotFound();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class EndpointApplication {

		@Bean
		SecurityWebFilterChain permitAll(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
				.csrf(ServerHttpSecurity.CsrfSpec::disable)
				.build();
		}

		@Bean
		Calculator calculator() {
			return new Calculator();
		}

		@Bean
		Room room() {
			return new Room();
		}

	}

	static class Calculator {

		@WampRpc("calc/add")
		int add(int a, int b) {
			return a + b;
		}

	}

	@WampTopic("chat/{room}")
	static class Room {

	}

}
