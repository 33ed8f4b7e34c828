package dev.websocket.server.spring.webflux;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The per-address connection limit: every test connects from 127.0.0.1, with at most two
 * connections allowed.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "websocket.server.limits.max-connections-per-address=2")
class AddressLimitsTests {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void refusesAConnectionOverThePerAddressLimitWith429AndCountsIt() {
		double before = rejected("TOO_MANY_CONNECTIONS");
		try (FrameSocket first = FrameSocket.open(this.port); FrameSocket second = FrameSocket.open(this.port)) {
			assertThat(first.nextText()).startsWith("[0,");
			assertThat(second.nextText()).startsWith("[0,");
			assertThat(status()).isEqualTo(429);
			assertThat(rejected("TOO_MANY_CONNECTIONS")).isEqualTo(before + 1);
		}
	}

	@Test
	void acceptsAgainOnceAConnectionOfTheAddressClosed() {
		try (FrameSocket first = FrameSocket.open(this.port)) {
			assertThat(first.nextText()).startsWith("[0,");
			FrameSocket second = FrameSocket.open(this.port);
			assertThat(second.nextText()).startsWith("[0,");
			second.close();
			await().atMost(RawClient.TIMEOUT).until(() -> status() == 101);
		}
	}

	private int status() {
		try (FrameSocket socket = FrameSocket.connect(this.port)) {
			return socket.upgrade(Map.of("Sec-WebSocket-Protocol", List.of("wamp"))).status();
		}
	}

	private double rejected(String reason) {
		return this.meters.get("wamp.handshakes.rejected").tag("reason", reason).counter().count();
	}

}
