package dev.websocket.server.spring.webflux;

import java.util.List;
import java.util.Map;

import dev.websocket.server.middleware.HandshakeRejectedException;
import dev.websocket.server.spring.event.WampHandshakeRejectedEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upgrade request as RFC 6455 section 4 reads it, sent byte for byte on a raw TCP
 * socket: subprotocol lists with spaces and in several headers, the key's form, the
 * version.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class HandshakeValidationTests {

	@LocalServerPort
	int port;

	@Autowired
	EventRecorder events;

	@Test
	void selectsWampFromACommaSeparatedListWithSpaces() {
		FrameSocket.Response response = upgrade(Map.of("Sec-WebSocket-Protocol", List.of("wamp.2.msgpack, wamp")));
		assertThat(response.status()).isEqualTo(101);
		assertThat(response.header("Sec-WebSocket-Protocol")).isEqualTo("wamp");
	}

	@Test
	void selectsWampFromSeveralProtocolHeaders() {
		FrameSocket.Response response = upgrade(
				Map.of("Sec-WebSocket-Protocol", List.of("wamp.2.msgpack", "mqtt,  wamp ,v12.stomp")));
		assertThat(response.status()).isEqualTo(101);
		assertThat(response.header("Sec-WebSocket-Protocol")).isEqualTo("wamp");
	}

	@Test
	void welcomesOnAConnectionWhoseProtocolListHasSpaces() {
		try (FrameSocket socket = FrameSocket.connect(this.port)) {
			assertThat(socket.upgrade(Map.of("Sec-WebSocket-Protocol", List.of("wamp.2.msgpack , wamp"))).status())
				.isEqualTo(101);
			assertThat(socket.nextText()).startsWith("[0,");
		}
	}

	@Test
	void refusesAKeyThatIsNotSixteenBytesWith400() {
		for (String key : List.of("c2hvcnQ=", "dGhlIHNhbXBsZSBub25jZQ", "!!!!!!!!!!!!!!!!!!!!!!==",
				"dGhlIHNhbXBsZSBub25jZSBhbmQgbW9yZQ==")) {
			FrameSocket.Response response = upgrade(
					Map.of("Sec-WebSocket-Protocol", List.of("wamp"), "Sec-WebSocket-Key", List.of(key)));
			assertThat(response.status()).as(key).isEqualTo(400);
		}
		WampHandshakeRejectedEvent event = this.events.await(WampHandshakeRejectedEvent.class,
				(e) -> e.getReason() == HandshakeRejectedException.Reason.BAD_REQUEST && e.getStatus() == 400);
		assertThat(event.getStatus()).isEqualTo(400);
	}

	@Test
	void refusesTwoKeysWith400() {
		FrameSocket.Response response = upgrade(Map.of("Sec-WebSocket-Protocol", List.of("wamp"), "Sec-WebSocket-Key",
				List.of(FrameSocket.KEY, FrameSocket.KEY)));
		assertThat(response.status()).isEqualTo(400);
	}

	@Test
	void answersAnUnsupportedVersionWith426NamingVersion13() {
		for (String version : List.of("9", "8", "14", "abc")) {
			FrameSocket.Response response = upgrade(
					Map.of("Sec-WebSocket-Protocol", List.of("wamp"), "Sec-WebSocket-Version", List.of(version)));
			assertThat(response.status()).as(version).isEqualTo(426);
			assertThat(response.header("Sec-WebSocket-Version")).isEqualTo("13");
		}
	}

	private FrameSocket.Response upgrade(Map<String, List<String>> headers) {
		try (FrameSocket socket = FrameSocket.connect(this.port)) {
			return socket.upgrade(headers);
		}
	}

}
