package dev.websocket.server.spring.proxy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code server.forward-headers-strategy}: X-Forwarded-* headers are ignored (a
 * client cannot claim another origin with them), and the origin's scheme counts.
 */
@SpringBootTest(classes = ProxyApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class NoForwardedHeadersStrategyTests {

	@LocalServerPort
	int port;

	@Test
	void forwardedHeadersDoNotMakeAnotherOriginTheServers() throws Exception {
		assertThat(RawHandshake.status(this.port, RawHandshake.proxied("https://chat.example.com"))).isEqualTo(403);
	}

	@Test
	void forwardedHeadersDoNotChangeTheServersOwnOrigin() throws Exception {
		assertThat(RawHandshake.status(this.port, RawHandshake.proxied("http://localhost:" + this.port)))
			.isEqualTo(101);
	}

	@Test
	void httpsOriginOfTheSameHostAndPortIsRefusedOnAnHttpEndpoint() throws Exception {
		assertThat(RawHandshake.status(this.port, Map.of("Origin", "https://localhost:" + this.port))).isEqualTo(403);
	}

	@Test
	void httpOriginOfTheSameHostAndPortIsUpgraded() throws Exception {
		assertThat(RawHandshake.status(this.port, Map.of("Origin", "http://localhost:" + this.port))).isEqualTo(101);
	}

}
