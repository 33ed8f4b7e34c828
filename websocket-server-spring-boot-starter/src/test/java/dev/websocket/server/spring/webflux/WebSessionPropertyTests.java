package dev.websocket.server.spring.webflux;

import java.net.URI;
import java.time.Duration;

import dev.websocket.server.client.WampClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code websocket.server.web-session=false}: no WebSession is resolved, not even one the
 * handshake's cookie names, and the rest of the handshake is intact.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "websocket.server.web-session=false")
class WebSessionPropertyTests {

	private static final Duration T = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	@Test
	void leavesTheSessionAttributeUnsetWhenWebSessionsAreOff() throws Exception {
		// the handshake carries a stored session, which is still not resolved
		String cookie = TestApplication.startSession(this.port);
		WampClient client = WampClient.builder(URI.create("ws://localhost:" + this.port + "/ws"))
			.header("Cookie", cookie)
			.header("X-Test", "yes")
			.connect()
			.block(T);
		try {
			JsonNode attributes = client.call(BASE + "attributes").block(T);
			assertThat(attributes.get("webSession").asBoolean()).isFalse();
			assertThat(attributes.get("testHeader").asString()).isEqualTo("yes");
			assertThat(attributes.get("sessionIdAttribute").asString()).isEqualTo(client.sessionId());
		}
		finally {
			client.close().block(T);
		}
	}

}
