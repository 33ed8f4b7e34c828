package dev.websocket.server.spring.webflux;

import java.util.HashMap;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code websocket.server.observe-handshakes=true} upgrade requests to the endpoint
 * are observed.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "websocket.server.observe-handshakes=true")
class ObservedHandshakeObservationTests {

	@Autowired
	ObservationRegistry observations;

	@Test
	void observesUpgradeRequestsWhenAskedTo() {
		assertThat(observed(upgrade("/ws"))).isTrue();
	}

	private boolean observed(ServerHttpRequest request) {
		ServerRequestObservationContext context = new ServerRequestObservationContext(request,
				new MockServerHttpResponse(), new HashMap<>());
		return !Observation.createNotStarted("http.server.requests", () -> context, this.observations).isNoop();
	}

	private static ServerHttpRequest upgrade(String path) {
		return MockServerHttpRequest.get(path)
			.header("Upgrade", "websocket")
			.header("Connection", "Upgrade")
			.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
			.build();
	}

}
