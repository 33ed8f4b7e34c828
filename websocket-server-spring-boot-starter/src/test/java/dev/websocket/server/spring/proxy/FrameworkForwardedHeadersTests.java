package dev.websocket.server.spring.proxy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a proxy with {@code server.forward-headers-strategy=framework}: the same-origin
 * check sees the public origin Spring resolves from X-Forwarded-Host and
 * X-Forwarded-Proto.
 */
@SpringBootTest(classes = ProxyApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "server.forward-headers-strategy=framework")
class FrameworkForwardedHeadersTests {

	@LocalServerPort
	int port;

	@Test
	void pageOfThePublicOriginIsUpgraded() throws Exception {
		assertThat(RawHandshake.status(this.port, RawHandshake.proxied("https://chat.example.com"))).isEqualTo(101);
	}

	@Test
	void originOfTheBackendAddressIsRefused() throws Exception {
		assertThat(RawHandshake.status(this.port, RawHandshake.proxied("http://localhost:" + this.port)))
			.isEqualTo(403);
	}

	@Test
	void publicHostOverPlainHttpIsRefused() throws Exception {
		assertThat(RawHandshake.status(this.port, RawHandshake.proxied("http://chat.example.com"))).isEqualTo(403);
	}

	@Test
	void requestWithoutForwardedHeadersKeepsItsOwnOrigin() throws Exception {
		assertThat(RawHandshake.status(this.port, Map.of("Origin", "http://localhost:" + this.port))).isEqualTo(101);
	}

}
