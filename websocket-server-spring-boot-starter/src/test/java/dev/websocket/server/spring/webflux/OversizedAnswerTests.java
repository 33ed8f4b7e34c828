package dev.websocket.server.spring.webflux;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An answer larger than the outbound byte bound overflows, as it always did, even though
 * it is computed during the read of its CALL, where a small answer skips the queue: the
 * connection closes with 1008 under the default overflow policy.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "websocket.server.outbound.max-bytes=1KB")
class OversizedAnswerTests {

	@LocalServerPort
	int port;

	@Test
	void aCallResultOverTheByteBoundClosesTheConnectionWith1008() throws Exception {
		RawClient client = RawClient.connect(URI.create("ws://localhost:" + this.port + "/ws"));
		try {
			client.next();
			client.send("[2,\"small\",\"" + BASE + "calc#echo\",\"ok\"]");
			assertThat(client.texts().poll(30, TimeUnit.SECONDS)).startsWith("[3,\"small\",");
			client.send("[2,\"big\",\"" + BASE + "calc#echo\",\"" + "x".repeat(2048) + "\"]");
			assertThat(client.closed().get(30, TimeUnit.SECONDS).code()).isEqualTo(1008);
		}
		finally {
			client.abort();
		}
	}

}
