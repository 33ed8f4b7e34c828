package dev.websocket.server.spring.webflux;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Back-pressure on the sender: a client pipelines thousands of CALLs in one write, more
 * than its outbound queue (256 frames here) holds answers for. The server stops reading
 * that connection while its queue is over the high-water mark, so every CALL is answered
 * and the connection is not closed with 1008 (outbound overflow).
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "websocket.server.outbound.max-messages=256", "websocket.server.keep-alive.ping-interval=0" })
class ReadBackPressureTests {

	private static final int CALLS = 5000;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void answersEveryOfFiveThousandPipelinedCallsWithoutAnOverflowClose() throws Exception {
		double overflowsBefore = overflows();
		try (FrameSocket socket = FrameSocket.open(this.port)) {
			assertThat(socket.nextText()).startsWith("[0,");
			ByteArrayOutputStream calls = new ByteArrayOutputStream();
			for (int i = 0; i < CALLS; i++) {
				calls.writeBytes(FrameSocket.frame(0x80 | FrameSocket.TEXT,
						("[2,\"c" + i + "\",\"" + BASE + "calc#sum\"," + i + ",1]").getBytes(StandardCharsets.UTF_8)));
			}
			// written from another thread: once the server stops reading, the write waits
			CompletableFuture<Void> written = CompletableFuture.runAsync(() -> socket.write(calls.toByteArray()));
			Set<String> answered = new HashSet<>();
			for (int i = 0; i < CALLS; i++) {
				FrameSocket.Frame frame = socket.readFrame();
				assertThat(frame).as("answer " + i + " of " + CALLS).isNotNull();
				assertThat(frame.opcode()).as("not a close: " + frame.closeCode()).isEqualTo(FrameSocket.TEXT);
				String text = frame.text();
				assertThat(text).startsWith("[3,\"c");
				answered.add(text.substring(4, text.indexOf('"', 5)));
			}
			written.join();
			assertThat(answered).hasSize(CALLS);
		}
		assertThat(overflows()).isEqualTo(overflowsBefore);
	}

	private double overflows() {
		return this.meters.find("wamp.outbound.overflows").counters().stream().mapToDouble((c) -> c.count()).sum();
	}

}
