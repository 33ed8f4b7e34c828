package dev.websocket.server.middleware;

import java.util.List;
import java.util.Map;

import dev.websocket.server.middleware.HandshakeRejectedException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SubprotocolMiddlewareTests {

	private final RecordingChain chain = new RecordingChain();

	private static TestConnection offering(String... protocols) {
		return TestConnection.of(TestConnection.request("127.0.0.1", Map.of(), List.of(protocols)));
	}

	@Test
	void strictRefusesAHandshakeWithoutWampWith400() {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> new SubprotocolMiddleware(true).onOpen(offering("mqtt"), chain))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(400);
				assertThat(ex.reason()).isEqualTo(Reason.SUBPROTOCOL);
			});
		assertThat(chain.opened).isEmpty();
	}

	@Test
	void strictRefusesAHandshakeOfferingNothing() {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> new SubprotocolMiddleware(true).onOpen(offering(), chain));
	}

	@Test
	void strictAcceptsWampAmongOthers() {
		TestConnection connection = offering("wamp.2.json", "wamp");
		new SubprotocolMiddleware(true).onOpen(connection, chain);
		assertThat(chain.opened).containsExactly(connection);
	}

	@Test
	void subprotocolNamesAreCaseSensitive() {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> new SubprotocolMiddleware(true).onOpen(offering("WAMP"), chain));
	}

	@Test
	void lenientAcceptsAnyHandshake() {
		TestConnection connection = offering();
		new SubprotocolMiddleware(false).onOpen(connection, chain);
		assertThat(chain.opened).containsExactly(connection);
	}

	@Test
	void runsAsTheWebSocketLayer() {
		assertThat(new SubprotocolMiddleware(true).order()).isEqualTo(Middleware.WEBSOCKET_ORDER);
	}

}
