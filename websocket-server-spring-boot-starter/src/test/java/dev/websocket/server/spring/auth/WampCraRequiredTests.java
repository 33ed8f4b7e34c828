package dev.websocket.server.spring.auth;

import java.time.Duration;

import dev.websocket.server.client.WampCallException;
import dev.websocket.server.client.WampClient;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.engine.WampServerListener.IgnoredReason;
import dev.websocket.server.spring.event.WampConnectionClosedEvent;
import dev.websocket.server.spring.event.WampMessageIgnoredEvent;
import dev.websocket.server.spring.webflux.TestSockets;
import dev.websocket.server.wamp.message.WampMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

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

	@RegisterExtension
	final TestSockets sockets = new TestSockets();

	@Autowired
	CraApplication.Events events;

	@Test
	void callBeforeLoginIsNotAuthorizedAndAllowedAfter() {
		WampClient client = this.sockets.v1();
		assertThatExceptionOfType(WampCallException.class).isThrownBy(() -> client.call("test/whoami").block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.errorUri()).isEqualTo("http://api.wamp.ws/error#NotAuthorized"));
		CraLogin.login(client, "joe", "secret");
		assertThat(client.call("test/whoami").block(TIMEOUT).asString()).isEqualTo("joe");
	}

	@Test
	void subscribeAndPublishBeforeLoginAreIgnoredWithAnEvent() {
		WampClient client = this.sockets.v1();
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
		WampClient client = this.sockets.v1();
		CloseStatus expected = new CloseStatus(1008, "Authentication timeout");
		StepVerifier.create(client.closed()).expectNext(expected).expectComplete().verify(TIMEOUT);
		await().atMost(TIMEOUT)
			.until(() -> this.events.of(WampConnectionClosedEvent.class)
				.stream()
				.anyMatch((event) -> event.getSessionId().equals(client.sessionId())));
	}

	@Test
	void connectionThatLogsInStaysOpenPastTheTimeout() {
		WampClient client = this.sockets.v1();
		CraLogin.login(client, "joe", "secret");
		await().during(Duration.ofMillis(1500)).atMost(TIMEOUT).until(() -> !client.isClosed());
	}

}
