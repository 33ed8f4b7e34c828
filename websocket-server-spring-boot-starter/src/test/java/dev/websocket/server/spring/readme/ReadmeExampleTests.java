package dev.websocket.server.spring.readme;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.websocket.server.client.WampClient;
import dev.websocket.server.client.WampHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The root README's "Add the starter to your app in ten lines": its {@link Calculator}
 * and {@link ChatRoom} beans and its {@code application.yml}, exactly as printed, served
 * at {@code /ws} and used over a real socket. Spring Security is on this module's test
 * class path but not in the README's app, so its auto-configuration is left out here.
 */
@SpringBootTest(classes = ReadmeApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.config.location=classpath:readme/application.yml",
		"spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
				+ "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration,"
				+ "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration,"
				+ "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration" })
class ReadmeExampleTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	private final List<WampClient> clients = new ArrayList<>();

	@AfterEach
	void closeClients() {
		this.clients.forEach(WampClient::abort);
	}

	@Test
	void calculatorAddsItsTwoArguments() {
		JsonNode sum = connect().call("calc/add", 2, 3).block(TIMEOUT);

		assertThat(sum.asInt()).isEqualTo(5);
	}

	@Test
	void chatRoomAnnouncesEachNewSubscriberToTheRoom() throws InterruptedException {
		WampClient ann = connect();
		BlockingQueue<JsonNode> annEvents = subscribe(ann, "chat/lobby");
		WampClient bob = connect();

		bob.subscribe("chat/lobby", (event) -> {
		}).block(TIMEOUT);

		JsonNode joined = annEvents.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(joined).isNotNull();
		assertThat(joined.get("joined").asString()).isEqualTo(bob.sessionId());
		assertThat(joined.get("room").asString()).isEqualTo("lobby");
	}

	@Test
	void chatRoomBroadcastsEveryPublishToItsSubscribers() throws InterruptedException {
		WampClient ann = connect();
		BlockingQueue<JsonNode> annEvents = subscribe(ann, "chat/lobby");
		WampClient bob = connect();

		bob.publish("chat/lobby", Map.of("text", "hi")).block(TIMEOUT);

		JsonNode event;
		do {
			event = annEvents.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		while (event != null && !event.has("text"));
		assertThat(event).isNotNull();
		assertThat(event.get("text").asString()).isEqualTo("hi");
	}

	@Test
	void chatRoomBroadcastsAHeartbeatWhileItHasSubscribers() throws InterruptedException {
		WampClient ann = connect();
		BlockingQueue<JsonNode> annEvents = subscribe(ann, "chat/kitchen");

		JsonNode event;
		do {
			// the heartbeat runs every 10 s
			event = annEvents.poll(20, TimeUnit.SECONDS);
		}
		while (event != null && !event.has("time"));
		assertThat(event).isNotNull();
		assertThat(event.get("room").asString()).isEqualTo("kitchen");
	}

	@Test
	void theListedOriginMayConnect() {
		WampClient client = WampClient.builder(endpoint())
			.header("Origin", "https://app.example.com")
			.connect()
			.block(TIMEOUT);
		this.clients.add(client);

		assertThat(client.subprotocol()).isEqualTo("wamp");
	}

	@Test
	void aForeignOriginIsRefusedWith403() {
		assertThatExceptionOfType(WampHandshakeException.class)
			.isThrownBy(() -> WampClient.builder(endpoint())
				.header("Origin", "https://evil.example.com")
				.connect()
				.block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(403));
	}

	private BlockingQueue<JsonNode> subscribe(WampClient client, String topic) {
		BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
		client.subscribe(topic, events::add).block(TIMEOUT);
		// messages of one connection are handled in order: once this CALL is answered,
		// the
		// SUBSCRIBE has taken effect
		client.call("calc/add", 0, 0).block(TIMEOUT);
		return events;
	}

	private WampClient connect() {
		WampClient client = WampClient.builder(endpoint()).connect().block(TIMEOUT);
		this.clients.add(client);
		return client;
	}

	private URI endpoint() {
		return URI.create("ws://localhost:" + this.port + "/ws");
	}

}
