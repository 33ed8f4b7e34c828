package dev.websocket.server.spring.webflux;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-address handshake rate: two handshakes per second from 127.0.0.1. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "websocket.server.limits.max-handshakes-per-second-per-address=2")
class HandshakeRateLimitTests {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void refusesHandshakesOverThePerAddressRateWith429AndCountsThem() {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			try (FrameSocket socket = FrameSocket.connect(this.port)) {
				statuses.add(socket.upgrade(Map.of("Sec-WebSocket-Protocol", List.of("wamp"))).status());
			}
		}
		assertThat(statuses).containsOnly(101, 429).contains(101);
		long refused = statuses.stream().filter((status) -> status == 429).count();
		assertThat(refused).isPositive();
		assertThat(this.meters.get("wamp.handshakes.rejected").tag("reason", "RATE_LIMITED").counter().count())
			.isEqualTo(refused);
	}

}
