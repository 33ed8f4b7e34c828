package dev.websocket.server.spring.webflux;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6455 framing rules, with frames crafted on a raw TCP socket: each violation is
 * answered with its close code in a close frame, then the TCP connection is closed;
 * another connection keeps working.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class StrictFramingTests {

	private static final byte[] INVALID_UTF8 = { '[', '2', ',', '"', (byte) 0xC3, (byte) 0x28, '"', ']' };

	@LocalServerPort
	int port;

	@Test
	void closesWith1007ForInvalidUtf8InATextFrame() {
		try (FrameSocket socket = welcomed()) {
			socket.sendFrame(0x80 | FrameSocket.TEXT, INVALID_UTF8);
			assertThat(socket.awaitCloseCode()).isEqualTo(1007);
			assertThat(socket.awaitEndOfStream()).isTrue();
		}
		assertStillServing();
	}

	@Test
	void closesWith1007ForInvalidUtf8SplitAcrossFragments() {
		try (FrameSocket socket = welcomed()) {
			socket.sendFrame(FrameSocket.TEXT, new byte[] { '[', '"', (byte) 0xE2, (byte) 0x82 });
			socket.sendFrame(0x80 | FrameSocket.CONTINUATION, new byte[] { (byte) 0x28, '"', ']' });
			assertThat(socket.awaitCloseCode()).isEqualTo(1007);
		}
	}

	@Test
	void acceptsValidMultibyteUtf8SplitAcrossFragments() {
		byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
		try (FrameSocket socket = welcomed()) {
			socket.sendFrame(FrameSocket.TEXT,
					concat(("[2,\"c1\",\"" + BASE + "calc#echo\",\"").getBytes(StandardCharsets.UTF_8), euro, 0, 1));
			socket.sendFrame(0x80 | FrameSocket.CONTINUATION,
					concat(euro, 1, 3, "\"]".getBytes(StandardCharsets.UTF_8)));
			assertThat(socket.nextText()).isEqualTo("[3,\"c1\",[\"\u20ac\"]]");
		}
	}

	@Test
	void closesWith1002ForATextFrameWithRsvBits() {
		for (int rsv : new int[] { 0x40, 0x20, 0x10 }) {
			try (FrameSocket socket = welcomed()) {
				socket.sendFrame(0x80 | rsv | FrameSocket.TEXT,
						("[2,\"c1\",\"" + BASE + "calc#sum\",1]").getBytes(StandardCharsets.UTF_8));
				assertThat(socket.awaitCloseCode()).as("RSV " + rsv).isEqualTo(1002);
				assertThat(socket.awaitEndOfStream()).isTrue();
			}
		}
		assertStillServing();
	}

	@Test
	void closesWith1002ForAPingWithRsvBits() {
		try (FrameSocket socket = welcomed()) {
			socket.sendFrame(0x80 | 0x40 | FrameSocket.PING, new byte[0]);
			assertThat(socket.awaitCloseCode()).isEqualTo(1002);
		}
	}

	private FrameSocket welcomed() {
		FrameSocket socket = FrameSocket.open(this.port);
		assertThat(socket.nextText()).startsWith("[0,");
		return socket;
	}

	private void assertStillServing() {
		try (FrameSocket other = welcomed()) {
			other.sendText("[2,\"c2\",\"" + BASE + "calc#sum\",1,2]");
			assertThat(other.nextText()).isEqualTo("[3,\"c2\",3]");
		}
	}

	private static byte[] concat(byte[] head, byte[] part, int from, int to) {
		byte[] all = new byte[head.length + to - from];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(part, from, all, head.length, to - from);
		return all;
	}

	private static byte[] concat(byte[] part, int from, int to, byte[] tail) {
		byte[] all = new byte[to - from + tail.length];
		System.arraycopy(part, from, all, 0, to - from);
		System.arraycopy(tail, 0, all, to - from, tail.length);
		return all;
	}

}
