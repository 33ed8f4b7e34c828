package dev.websocket.server.spring.webflux;

import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine learns of every socket close, whatever the close code or the path: each test
 * opens a connection with a subscription over a raw TCP socket, ends it one way, and
 * waits for the connection, subscription and topic gauges to return to zero.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "websocket.server.keep-alive.ping-interval=0")
class SocketCloseReapingTests {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@AfterEach
	void nothingLeft() {
		await().atMost(RawClient.TIMEOUT).untilAsserted(() -> {
			assertThat(gauge("wamp.connections")).isZero();
			assertThat(gauge("wamp.subscriptions")).isZero();
			assertThat(gauge("wamp.topics")).isZero();
		});
	}

	@ParameterizedTest
	@ValueSource(ints = { 5000, 65535, 0, 999, 1004, 1005, 1006, 1015, 2999 })
	void answersAClientCloseWithAnInvalidCodeWith1002AndReapsTheConnection(int code) {
		try (FrameSocket socket = subscribed()) {
			socket.sendClose(code, "bye");
			assertThat(socket.awaitCloseCode()).isEqualTo(1002);
			assertThat(socket.awaitEndOfStream()).isTrue();
		}
	}

	@Test
	void answersAOneByteCloseFrameWith1002AndReapsTheConnection() {
		try (FrameSocket socket = subscribed()) {
			socket.sendFrame(0x80 | FrameSocket.CLOSE, new byte[] { 3 });
			assertThat(socket.awaitCloseCode()).isEqualTo(1002);
		}
	}

	@Test
	void answersACloseReasonThatIsNotUtf8With1002AndReapsTheConnection() {
		try (FrameSocket socket = subscribed()) {
			socket.sendFrame(0x80 | FrameSocket.CLOSE, new byte[] { 0x03, (byte) 0xE8, (byte) 0xC3, (byte) 0x28 });
			assertThat(socket.awaitCloseCode()).isEqualTo(1002);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1000, 1001, 3000, 4999 })
	void echoesAValidCloseCodeAndReapsTheConnection(int code) {
		try (FrameSocket socket = subscribed()) {
			socket.sendClose(code, "bye");
			assertThat(socket.awaitCloseCode()).isEqualTo(code);
		}
	}

	@Test
	void echoesACloseWithoutACodeAndReapsTheConnection() {
		try (FrameSocket socket = subscribed()) {
			socket.sendFrame(0x80 | FrameSocket.CLOSE, new byte[0]);
			assertThat(socket.awaitCloseCode()).isEqualTo(1005);
		}
	}

	@Test
	void reapsAConnectionWhoseSocketDropsWithoutAClose() {
		FrameSocket socket = subscribed();
		socket.close();
	}

	@Test
	void reapsAConnectionClosedAfterAFrameTheDecoderRefuses() {
		try (FrameSocket socket = subscribed()) {
			// an unmasked frame: the decoder refuses it with 1002
			socket.write(new byte[] { (byte) 0x81, 0x02, '[', ']' });
			assertThat(socket.awaitCloseCode()).isEqualTo(1002);
		}
	}

	@Test
	void reapsAConnectionThatSendsHalfAFrameAndDisappears() {
		FrameSocket socket = subscribed();
		byte[] frame = FrameSocket.frame(0x80 | FrameSocket.TEXT, "[5,\"x\"]".getBytes(StandardCharsets.UTF_8));
		socket.write(java.util.Arrays.copyOf(frame, 4));
		socket.close();
	}

	/** A connection subscribed to a chat room, counted by the gauges. */
	private FrameSocket subscribed() {
		FrameSocket socket = FrameSocket.open(this.port);
		assertThat(socket.nextText()).startsWith("[0,");
		socket.sendText("[5,\"" + BASE + "chat/reaping\"]");
		await().atMost(RawClient.TIMEOUT).until(() -> gauge("wamp.subscriptions") == 1 && gauge("wamp.topics") == 1);
		return socket;
	}

	private double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

}
