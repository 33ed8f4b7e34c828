package dev.websocket.server.spring.proxy;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a proxy with {@code server.forward-headers-strategy=native}: Reactor Netty
 * resolves the public origin, and the same-origin check sees it.
 */
@SpringBootTest(classes = ProxyApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "server.forward-headers-strategy=native")
class NativeForwardedHeadersTests {

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

}
