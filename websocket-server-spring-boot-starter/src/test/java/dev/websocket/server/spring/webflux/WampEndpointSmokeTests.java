package dev.websocket.server.spring.webflux;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class WampEndpointSmokeTests {

	@LocalServerPort
	int port;

	@Test
	void welcomesAndAnswersACall() {
		RawClient client = RawClient.connect(URI.create("ws://localhost:" + this.port + "/ws"));
		assertThat(client.subprotocol()).isEqualTo("wamp");
		assertThat(client.next()).startsWith("[0,\"");
		client.send("[2,\"c1\",\"http://example.com/calc#sum\",1,2,3]");
		assertThat(client.next()).isEqualTo("[3,\"c1\",6]");
		client.close();
		assertThat(client.awaitClose().code()).isEqualTo(1000);
	}
}
