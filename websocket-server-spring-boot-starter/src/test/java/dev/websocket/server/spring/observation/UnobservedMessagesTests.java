package dev.websocket.server.spring.observation;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.websocket.server.client.WampClient;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code websocket.server.observe-messages} no CALL or PUBLISH is observed, even
 * with an observation registry that has handlers: per-message observations are opt-in.
 */
@SpringBootTest(classes = WampObservationTests.ObservedApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class UnobservedMessagesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	TestObservationRegistry registry;

	@Autowired
	WampObservationTests.Procedures procedures;

	@Autowired
	WampObservationTests.Room room;

	@LocalServerPort
	int port;

	@Test
	void callsAndPublishesAreNotObservedByDefault() {
		WampClient client = WampClient.connect(URI.create("ws://localhost:" + this.port + "/ws")).block(TIMEOUT);
		try {
			this.registry.clear();
			client.publish("chat/lobby", Map.of("text", "hi")).block(TIMEOUT);
			// answered after the PUBLISH was handled: one connection's messages are
			// handled in order
			assertThat(client.call("calc/add", 2, 3).block(TIMEOUT).asInt()).isEqualTo(5);
			assertThat(this.room.published).hasValue(1);
			assertThat(this.room.current).hasNullValue();
			assertThat(this.procedures.current).hasNullValue();
			assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("wamp.call", 0)
				.hasNumberOfObservationsWithNameEqualTo("wamp.publish", 0);
		}
		finally {
			client.close().block(TIMEOUT);
		}
	}

}
