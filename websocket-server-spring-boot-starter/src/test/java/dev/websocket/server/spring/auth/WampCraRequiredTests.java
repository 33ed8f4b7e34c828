package dev.websocket.server.spring.auth;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.websocket.server.client.WampCallException;
import dev.websocket.server.client.WampClient;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.engine.WampServerListener.IgnoredReason;
import dev.websocket.server.spring.event.WampConnectionClosedEvent;
import dev.websocket.server.spring.event.WampMessageIgnoredEvent;
import dev.websocket.server.wamp.message.WampMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code websocket.server.auth.required=true}: until it logs in, a connection may only
 * call the WAMP-CRA procedures, and it is closed after
 * {@code websocket.server.auth.timeout}.
 */
@SpringBootTest(classes = CraApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "websocket.server.auth.required=true", "websocket.server.auth.timeout=1s" })
class WampCraRequiredTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	@Autowired
	CraApplication.Events events;

	private final List<WampClient> clients = new ArrayList<>();

	@AfterEach
	void closeClients() {
		this.clients.forEach(WampClient::abort);
	}

	private WampClient connect() {
		WampClient client = WampClient.connect(URI.create("ws://localhost:" + this.port + "/ws")).block(TIMEOUT);
		assertThat(client).isNotNull();
		this.clients.add(client);
		return client;
	}

	@Test
	void callBeforeLoginIsNotAuthorizedAndAllowedAfter() {
		WampClient client = connect();
		assertThatExceptionOfType(WampCallException.class).isThrownBy(() -> client.call("test/whoami").block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.errorUri()).isEqualTo("http://api.wamp.ws/error#NotAuthorized"));
		CraLogin.login(client, "joe", "secret");
		assertThat(client.call("test/whoami").block(TIMEOUT).asString()).isEqualTo("joe");
	}

	@Test
	void subscribeAndPublishBeforeLoginAreIgnoredWithAnEvent() {
		WampClient client = connect();
		client.subscribe("chat", (event) -> {
		}).block(TIMEOUT);
		client.publish("chat", "hello").block(TIMEOUT);
		await().atMost(TIMEOUT)
			.until(() -> this.events.of(WampMessageIgnoredEvent.class)
				.stream()
				.filter((event) -> event.getSessionId().equals(client.sessionId()))
				.filter((event) -> event.getReason() == IgnoredReason.NOT_AUTHORIZED)
				.map((event) -> event.getMessage().getClass())
				.toList(),
					(types) -> types.contains(WampMessage.Subscribe.class)
							&& types.contains(WampMessage.Publish.class));
	}

	@Test
	void connectionThatDoesNotLogInIsClosedAfterTheTimeout() {
		WampClient client = connect();
		CloseStatus expected = new CloseStatus(1008, "Authentication timeout");
		StepVerifier.create(client.closed()).expectNext(expected).expectComplete().verify(TIMEOUT);
		await().atMost(TIMEOUT)
			.until(() -> this.events.of(WampConnectionClosedEvent.class)
				.stream()
				.anyMatch((event) -> event.getSessionId().equals(client.sessionId())));
	}

	@Test
	void connectionThatLogsInStaysOpenPastTheTimeout() {
		WampClient client = connect();
		CraLogin.login(client, "joe", "secret");
		await().during(Duration.ofMillis(1500)).atMost(TIMEOUT).until(() -> !client.isClosed());
	}

}
