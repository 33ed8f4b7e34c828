package dev.websocket.server.spring.webflux;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The request head deadline on raw TCP sockets: a request that stalls or is drip-fed is
 * answered with 408 and its connection closed, with the deadline at one second so that
 * the ten seconds each read may wait tell a cut from a held socket.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "websocket.server.request-head-timeout=1s")
class RequestHeadDeadlineTests {

	@LocalServerPort
	int port;

	@Test
	void answersARequestThatStallsHalfwayWith408AndClosesIt() {
		try (FrameSocket socket = FrameSocket.connect(this.port)) {
			socket.write("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			assertThat(socket.readResponse().status()).isEqualTo(408);
			assertThat(socket.awaitEndOfStream()).isTrue();
		}
	}

	@Test
	void closesAConnectionThatSendsNothing() {
		try (FrameSocket socket = FrameSocket.connect(this.port)) {
			assertThat(socket.readResponse().status()).isEqualTo(408);
			assertThat(socket.awaitEndOfStream()).isTrue();
		}
	}

	@Test
	void cutsARequestDripFedAByteAtATime() throws Exception {
		try (FrameSocket socket = FrameSocket.connect(this.port)) {
			CompletableFuture<Void> drip = drip(socket,
					"GET /ws HTTP/1.1\r\nHost: localhost\r\nX-Long: " + "a".repeat(1000) + "\r\n\r\n");
			try {
				assertThat(socket.readResponse().status()).isEqualTo(408);
				assertThat(socket.awaitEndOfStream()).isTrue();
			}
			finally {
				drip.cancel(true);
			}
		}
	}

	@Test
	void cutsTheNextRequestOfAKeptAliveConnectionWhenDripFed() throws Exception {
		try (FrameSocket socket = FrameSocket.connect(this.port)) {
			socket.write("GET /nothing-here HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			FrameSocket.Response first = socket.readResponse();
			assertThat(first.status()).isNotEqualTo(408);
			String length = first.header("Content-Length");
			socket.skip((length != null) ? Integer.parseInt(length) : 0);
			CompletableFuture<Void> drip = drip(socket,
					"GET /ws HTTP/1.1\r\nHost: localhost\r\nX-Long: " + "a".repeat(1000) + "\r\n\r\n");
			try {
				assertThat(socket.readResponse().status()).isEqualTo(408);
			}
			finally {
				drip.cancel(true);
			}
		}
	}

	@Test
	void letsAWebSocketOutliveTheDeadline() {
		try (FrameSocket socket = FrameSocket.open(this.port)) {
			assertThat(socket.nextText()).startsWith("[0,");
			long upgraded = System.nanoTime();
			await().atMost(Duration.ofSeconds(5))
				.until(() -> System.nanoTime() - upgraded > Duration.ofMillis(1500).toNanos());
			socket.sendText("[2,\"c1\",\"" + BASE + "calc#sum\",2,3]");
			assertThat(socket.nextText()).isEqualTo("[3,\"c1\",5]");
		}
	}

	@Test
	void servesAHandshakeSentInTime() {
		try (FrameSocket socket = FrameSocket.connect(this.port)) {
			assertThat(socket.upgrade(Map.of("Sec-WebSocket-Protocol", List.of("wamp"))).status()).isEqualTo(101);
			assertThat(socket.nextText()).startsWith("[0,");
		}
	}

	/** Writes the text a byte every 100 ms until the server closes the connection. */
	private static CompletableFuture<Void> drip(FrameSocket socket, String text) {
		AtomicBoolean open = new AtomicBoolean(true);
		return CompletableFuture.runAsync(() -> {
			byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
			for (int i = 0; i < bytes.length && open.get(); i++) {
				open.set(socket.tryWrite(new byte[] { bytes[i] }));
				try {
					TimeUnit.MILLISECONDS.sleep(100);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		});
	}

}
