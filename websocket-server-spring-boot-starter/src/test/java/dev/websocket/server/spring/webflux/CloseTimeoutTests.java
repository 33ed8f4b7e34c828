package dev.websocket.server.spring.webflux;

import java.net.URI;
import java.time.Duration;

import dev.websocket.server.engine.Connections;
import dev.websocket.server.spring.event.WampConnectionClosedEvent;
import dev.websocket.server.spring.push.WampTemplate;
import dev.websocket.server.wamp.WampConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The per-socket close timeout is its own property: a closing connection whose peer
 * stopped reading is dropped after {@code close-timeout} (1 s here) although the shutdown
 * grace is a minute.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "websocket.server.close-timeout=1s", "websocket.server.shutdown-grace=1m",
				"websocket.server.outbound.max-bytes=64MB", "websocket.server.keep-alive.ping-interval=0" })
class CloseTimeoutTests {

	@LocalServerPort
	int port;

	@Autowired
	Connections connections;

	@Autowired
	WampTemplate template;

	@Autowired
	EventRecorder events;

	@Test
	void dropsAClosingConnectionWhosePeerStoppedReadingAfterTheCloseTimeout() {
		String topic = BASE + "chat/stalled";
		StalledClient stalled = StalledClient.connect(URI.create("ws://localhost:" + this.port + "/ws"),
				"[5,\"" + topic + "\"]");
		try {
			String session = WampEndpointIntegrationTests.sessionIdOf(stalled.welcome());
			await().atMost(RawClient.TIMEOUT)
				.until(() -> this.connections.find(session)
					.map((connection) -> !connection.attributes()
						.get("wamp.subscriptions", java.util.Set.of())
						.isEmpty())
					.orElse(false));
			// far more than the socket's buffers hold: the writes back up
			String payload = "p".repeat(32 * 1024);
			for (int i = 0; i < 600; i++) {
				this.template.publish(topic, payload).block(RawClient.TIMEOUT);
			}
			WampConnection connection = this.connections.find(session).orElseThrow();
			connection.close(1000, "bye");
			await().atMost(Duration.ofSeconds(20)).until(() -> this.connections.find(session).isEmpty());
			assertThat(this.events.awaitFor(WampConnectionClosedEvent.class, session).getCode()).isEqualTo(1000);
		}
		finally {
			stalled.dispose();
		}
	}

}
