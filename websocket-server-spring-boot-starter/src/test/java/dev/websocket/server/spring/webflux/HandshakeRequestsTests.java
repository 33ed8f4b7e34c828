package dev.websocket.server.spring.webflux;

import java.net.InetSocketAddress;
import java.util.List;

import dev.websocket.server.connection.HttpRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's view of a request that is not Spring's own over Reactor Netty (here a
 * mock, as a filter's mutated request would be): a copy of what the request shows, read
 * the same way as Netty's own headers.
 */
class HandshakeRequestsTests {

	private final MockServerHttpRequest request = MockServerHttpRequest.get("http://example.com:8080/ws?ticket=t1")
		.header("Host", "example.com:8080")
		.header("X-Forwarded-For", "10.0.0.1", "10.0.0.2")
		.header("Sec-WebSocket-Protocol", "wamp.2.json, wamp")
		.header("Cookie", "SESSION=abc; theme=dark", "SESSION=later")
		.remoteAddress(new InetSocketAddress("127.0.0.9", 40000))
		.build();

	@Test
	void headersAreShownWithNamesInLowerCaseAndFoundInAnyCase() {
		HttpRequest view = HandshakeRequests.from(this.request, null);

		assertThat(view.headers().get("x-forwarded-for")).containsExactly("10.0.0.1", "10.0.0.2");
		assertThat(view.headers().get("X-FORWARDED-FOR")).containsExactly("10.0.0.1", "10.0.0.2");
		assertThat(view.header("Host")).isEqualTo("example.com:8080");
		assertThat(view.headers().keySet()).containsExactlyInAnyOrder("host", "x-forwarded-for",
				"sec-websocket-protocol", "cookie");
		assertThat(view.headers().get("absent")).isNull();
	}

	@Test
	void subprotocolsAreTheOfferedTokensAndTheHeaderAsOffered() {
		HttpRequest view = HandshakeRequests.from(this.request, null);

		assertThat(view.subprotocols()).containsExactly("wamp.2.json", "wamp");
		assertThat(view.headers().get("sec-websocket-protocol")).containsExactly("wamp.2.json, wamp");
	}

	@Test
	void cookiesAreTheFirstValueOfEachName() {
		HttpRequest view = HandshakeRequests.from(this.request, null);

		assertThat(view.cookies()).containsExactly(java.util.Map.entry("SESSION", "abc"),
				java.util.Map.entry("theme", "dark"));
	}

	@Test
	void uriAndAddressAreTheRequests() {
		HttpRequest view = HandshakeRequests.from(this.request, null);

		assertThat(view.uri()).isEqualTo(this.request.getURI());
		assertThat(view.uri().getQuery()).isEqualTo("ticket=t1");
		assertThat(view.remoteAddress()).isEqualTo("127.0.0.9");
	}

	@Test
	void aSingleOfferSharesOneListBetweenHeaderAndSubprotocols() {
		HttpRequest view = HandshakeRequests
			.from(MockServerHttpRequest.get("/ws").header("Sec-WebSocket-Protocol", "wamp").build(), null);

		assertThat(view.subprotocols()).containsExactly("wamp").isSameAs(view.headers().get("Sec-WebSocket-Protocol"));
		assertThat(view.subprotocols().get(0)).isSameAs(dev.websocket.server.middleware.SubprotocolMiddleware.WAMP);
		assertThat(view.headers().get("Sec-WebSocket-Protocol")).isEqualTo(List.of("wamp"));
	}

}
