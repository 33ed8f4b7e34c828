package dev.websocket.server.middleware;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.middleware.HandshakeRejectedException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AllowedOriginsMiddlewareTests {

	/** A server whose own origin is listed in none of the tests. */
	private static final OriginMatcher API = server("http://api/ws");

	private final RecordingChain chain = new RecordingChain();

	private static TestConnection withHeaders(String origin, String host) {
		return withRequest(origin, host, URI.create("ws://" + host + "/ws"));
	}

	private static TestConnection withRequest(String origin, String host, URI uri) {
		Map<String, List<String>> headers = new HashMap<>();
		if (origin != null) {
			headers.put("origin", List.of(origin));
		}
		if (host != null) {
			headers.put("host", List.of(host));
		}
		return TestConnection.of(new HttpRequest(uri, headers, Map.of(), "127.0.0.1", List.of("wamp"), null));
	}

	private static OriginMatcher server(String requestUri) {
		return OriginMatcher.ofRequest(URI.create(requestUri), null);
	}

	private static AllowedOriginsMiddleware allowing(String... origins) {
		return new AllowedOriginsMiddleware(List.of(origins));
	}

	@Test
	void requestWithoutOriginIsAllowed() {
		TestConnection connection = withHeaders(null, "example.com");
		allowing().onOpen(connection, chain);
		assertThat(chain.opened).containsExactly(connection);
	}

	@Test
	void unlistedOriginIsRefusedWith403() {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> allowing("https://app.example.com")
				.onOpen(withHeaders("https://evil.example", "example.com"), chain))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(403);
				assertThat(ex.reason()).isEqualTo(Reason.ORIGIN);
			});
		assertThat(chain.opened).isEmpty();
	}

	@Test
	void sameOriginIsAllowed() {
		AllowedOriginsMiddleware middleware = allowing();
		assertThat(middleware.isAllowed("http://localhost:8080", server("ws://localhost:8080/ws"))).isTrue();
		assertThat(middleware.isAllowed("https://Example.com", server("wss://example.com/ws"))).isTrue();
		assertThat(middleware.isAllowed("http://localhost:8080", server("http://localhost:8080/ws"))).isTrue();
	}

	@Test
	void sameOriginComparesDefaultPorts() {
		AllowedOriginsMiddleware middleware = allowing();
		assertThat(middleware.isAllowed("https://example.com", server("wss://example.com:443/ws"))).isTrue();
		assertThat(middleware.isAllowed("https://example.com:443", server("https://example.com/ws"))).isTrue();
		assertThat(middleware.isAllowed("http://example.com", server("ws://example.com:8080/ws"))).isFalse();
	}

	@Test
	void sameHostOnAnotherPortIsNotSameOrigin() {
		assertThat(allowing().isAllowed("http://localhost:3000", server("ws://localhost:8080/ws"))).isFalse();
	}

	@Test
	void httpsOriginIsNotSameOriginAsAnHttpEndpoint() {
		AllowedOriginsMiddleware middleware = allowing();
		assertThat(middleware.isAllowed("https://localhost:8080", server("ws://localhost:8080/ws"))).isFalse();
		assertThat(middleware.isAllowed("http://example.com:443", server("wss://example.com/ws"))).isFalse();
	}

	@Test
	void sameOriginUsesTheRequestUriNotTheHostHeader() {
		// a proxy's public name in the resolved URI, its internal address in Host
		TestConnection connection = withRequest("https://chat.example.com", "backend:8080",
				URI.create("https://chat.example.com/ws"));
		allowing().onOpen(connection, chain);
		assertThat(chain.opened).containsExactly(connection);
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> allowing().onOpen(
				withRequest("http://backend:8080", "backend:8080", URI.create("https://chat.example.com/ws")), chain));
	}

	@Test
	void requestUriWithoutHostFallsBackToTheHostHeader() {
		TestConnection connection = withRequest("http://example.com:8080", "example.com:8080", URI.create("/ws"));
		allowing().onOpen(connection, chain);
		assertThat(chain.opened).containsExactly(connection);
	}

	@Test
	void listedOriginIsAllowedCaseInsensitively() {
		AllowedOriginsMiddleware middleware = allowing("https://App.Example.com");
		assertThat(middleware.isAllowed("https://app.example.com", API)).isTrue();
		assertThat(middleware.isAllowed("HTTPS://APP.EXAMPLE.COM", API)).isTrue();
	}

	@Test
	void listedOriginMustMatchSchemeAndPort() {
		AllowedOriginsMiddleware middleware = allowing("https://app.example.com", "http://localhost:3000");
		assertThat(middleware.isAllowed("http://app.example.com", API)).isFalse();
		assertThat(middleware.isAllowed("https://app.example.com:8443", API)).isFalse();
		assertThat(middleware.isAllowed("https://app.example.com:443", API)).isTrue();
		assertThat(middleware.isAllowed("http://localhost:3000", API)).isTrue();
		assertThat(middleware.isAllowed("http://localhost", API)).isFalse();
	}

	@Test
	void listedOriginWithTrailingSlashIsAccepted() {
		assertThat(allowing("https://app.example.com/").isAllowed("https://app.example.com", API)).isTrue();
	}

	@Test
	void starAllowsAnyOrigin() {
		AllowedOriginsMiddleware middleware = allowing("*");
		assertThat(middleware.isAllowed("https://anything.test", API)).isTrue();
		assertThat(middleware.isAllowed("null", API)).isTrue();
	}

	@Test
	void subdomainWildcardAllowsSubdomainsOnly() {
		AllowedOriginsMiddleware middleware = allowing("https://*.example.com");
		assertThat(middleware.isAllowed("https://app.example.com", API)).isTrue();
		assertThat(middleware.isAllowed("https://a.b.example.com", API)).isTrue();
		assertThat(middleware.isAllowed("https://example.com", API)).isFalse();
		assertThat(middleware.isAllowed("https://evilexample.com", API)).isFalse();
		assertThat(middleware.isAllowed("https://example.com.evil.test", API)).isFalse();
		assertThat(middleware.isAllowed("http://app.example.com", API)).isFalse();
	}

	@Test
	void subdomainWildcardWithPort() {
		AllowedOriginsMiddleware middleware = allowing("http://*.localtest.me:3000");
		assertThat(middleware.isAllowed("http://a.localtest.me:3000", API)).isTrue();
		assertThat(middleware.isAllowed("http://a.localtest.me", API)).isFalse();
	}

	@Test
	void literalWildcardInTheOriginHeaderIsRefused() {
		assertThat(allowing("https://*.example.com").isAllowed("https://*.example.com", API)).isFalse();
	}

	@Test
	void malformedOriginHeaderIsRefused() {
		AllowedOriginsMiddleware middleware = allowing("https://app.example.com");
		assertThat(middleware.isAllowed("null", API)).isFalse();
		assertThat(middleware.isAllowed("app.example.com", API)).isFalse();
		assertThat(middleware.isAllowed("https://app.example.com/path", API)).isFalse();
		assertThat(middleware.isAllowed("https://user@app.example.com", API)).isFalse();
		assertThat(middleware.isAllowed("https://app.example.com:99999", API)).isFalse();
	}

	@Test
	void ipv6Origins() {
		AllowedOriginsMiddleware middleware = allowing("http://[::1]:3000");
		assertThat(middleware.isAllowed("http://[::1]:3000", API)).isTrue();
		assertThat(middleware.isAllowed("http://[::1]:8080", server("ws://[::1]:8080/ws"))).isTrue();
		assertThat(middleware.isAllowed("http://[::2]:3000", API)).isFalse();
	}

	@Test
	void invalidEntriesFailAtConstructionNamingTheEntry() {
		assertThatIllegalArgumentException().isThrownBy(() -> allowing("example.com"))
			.withMessageStartingWith("Invalid allowed origin 'example.com'");
		assertThatIllegalArgumentException().isThrownBy(() -> allowing("https://app.*.com"))
			.withMessageStartingWith("Invalid allowed origin 'https://app.*.com'");
		assertThatIllegalArgumentException().isThrownBy(() -> allowing("https://*example.com"))
			.withMessageStartingWith("Invalid allowed origin 'https://*example.com'");
		assertThatIllegalArgumentException().isThrownBy(() -> allowing("https://*."))
			.withMessageStartingWith("Invalid allowed origin 'https://*.'");
	}

	@Test
	void runsAfterTheAddressLayer() {
		assertThat(allowing().order()).isEqualTo(Middleware.ALLOWED_ORIGINS_ORDER);
	}

}
