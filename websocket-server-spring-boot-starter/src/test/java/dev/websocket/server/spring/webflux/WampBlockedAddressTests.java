package dev.websocket.server.spring.webflux;

import java.net.URI;
import java.time.Duration;

import dev.websocket.server.client.WampClient;
import dev.websocket.server.client.WampHandshakeException;
import dev.websocket.server.middleware.HandshakeRejectedException;
import dev.websocket.server.spring.event.WampHandshakeRejectedEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A blocked client address is refused with 403 before any upgrade. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "websocket.server.blocked-addresses=127.0.0.0/8,::1")
class WampBlockedAddressTests {

	@LocalServerPort
	int port;

	@Autowired
	EventRecorder events;

	@Test
	void refusesABlockedAddressWith403() {
		assertThatExceptionOfType(WampHandshakeException.class)
			.isThrownBy(() -> WampClient.builder(URI.create("ws://localhost:" + this.port + "/ws"))
				.connect()
				.block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(403));
		WampHandshakeRejectedEvent event = this.events.await(WampHandshakeRejectedEvent.class, (e) -> true);
		assertThat(event.getReason()).isEqualTo(HandshakeRejectedException.Reason.ADDRESS);
		assertThat(event.getStatus()).isEqualTo(403);
	}

}
