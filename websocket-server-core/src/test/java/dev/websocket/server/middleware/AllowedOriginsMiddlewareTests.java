package dev.websocket.server.middleware;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.websocket.server.middleware.HandshakeRejectedException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AllowedOriginsMiddlewareTests {

	private final RecordingChain chain = new RecordingChain();

	private static TestConnection withHeaders(String origin, String host) {
		Map<String, List<String>> headers = new HashMap<>();
		if (origin != null) {
			headers.put("origin", List.of(origin));
		}
		if (host != null) {
			headers.put("host", List.of(host));
		}
		return TestConnection.of(TestConnection.request("127.0.0.1", headers, List.of("wamp")));
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
		assertThat(middleware.isAllowed("http://localhost:8080", "localhost:8080")).isTrue();
		assertThat(middleware.isAllowed("https://Example.com", "example.com")).isTrue();
	}

	@Test
	void sameOriginComparesDefaultPorts() {
		AllowedOriginsMiddleware middleware = allowing();
		assertThat(middleware.isAllowed("https://example.com", "example.com:443")).isTrue();
		assertThat(middleware.isAllowed("https://example.com:443", "example.com")).isTrue();
		assertThat(middleware.isAllowed("http://example.com", "example.com:8080")).isFalse();
	}

	@Test
	void sameHostOnAnotherPortIsNotSameOrigin() {
		assertThat(allowing().isAllowed("http://localhost:3000", "localhost:8080")).isFalse();
	}

	@Test
	void listedOriginIsAllowedCaseInsensitively() {
		AllowedOriginsMiddleware middleware = allowing("https://App.Example.com");
		assertThat(middleware.isAllowed("https://app.example.com", "api.example.com")).isTrue();
		assertThat(middleware.isAllowed("HTTPS://APP.EXAMPLE.COM", "api.example.com")).isTrue();
	}

	@Test
	void listedOriginMustMatchSchemeAndPort() {
		AllowedOriginsMiddleware middleware = allowing("https://app.example.com", "http://localhost:3000");
		assertThat(middleware.isAllowed("http://app.example.com", "api")).isFalse();
		assertThat(middleware.isAllowed("https://app.example.com:8443", "api")).isFalse();
		assertThat(middleware.isAllowed("https://app.example.com:443", "api")).isTrue();
		assertThat(middleware.isAllowed("http://localhost:3000", "api")).isTrue();
		assertThat(middleware.isAllowed("http://localhost", "api")).isFalse();
	}

	@Test
	void listedOriginWithTrailingSlashIsAccepted() {
		assertThat(allowing("https://app.example.com/").isAllowed("https://app.example.com", "api")).isTrue();
	}

	@Test
	void starAllowsAnyOrigin() {
		AllowedOriginsMiddleware middleware = allowing("*");
		assertThat(middleware.isAllowed("https://anything.test", "api")).isTrue();
		assertThat(middleware.isAllowed("null", "api")).isTrue();
	}

	@Test
	void subdomainWildcardAllowsSubdomainsOnly() {
		AllowedOriginsMiddleware middleware = allowing("https://*.example.com");
		assertThat(middleware.isAllowed("https://app.example.com", "api")).isTrue();
		assertThat(middleware.isAllowed("https://a.b.example.com", "api")).isTrue();
		assertThat(middleware.isAllowed("https://example.com", "api")).isFalse();
		assertThat(middleware.isAllowed("https://evilexample.com", "api")).isFalse();
		assertThat(middleware.isAllowed("https://example.com.evil.test", "api")).isFalse();
		assertThat(middleware.isAllowed("http://app.example.com", "api")).isFalse();
	}

	@Test
	void subdomainWildcardWithPort() {
		AllowedOriginsMiddleware middleware = allowing("http://*.localtest.me:3000");
		assertThat(middleware.isAllowed("http://a.localtest.me:3000", "api")).isTrue();
		assertThat(middleware.isAllowed("http://a.localtest.me", "api")).isFalse();
	}

	@Test
	void literalWildcardInTheOriginHeaderIsRefused() {
		assertThat(allowing("https://*.example.com").isAllowed("https://*.example.com", "api")).isFalse();
	}

	@Test
	void malformedOriginHeaderIsRefused() {
		AllowedOriginsMiddleware middleware = allowing("https://app.example.com");
		assertThat(middleware.isAllowed("null", "api")).isFalse();
		assertThat(middleware.isAllowed("app.example.com", "api")).isFalse();
		assertThat(middleware.isAllowed("https://app.example.com/path", "api")).isFalse();
		assertThat(middleware.isAllowed("https://user@app.example.com", "api")).isFalse();
		assertThat(middleware.isAllowed("https://app.example.com:99999", "api")).isFalse();
	}

	@Test
	void ipv6Origins() {
		AllowedOriginsMiddleware middleware = allowing("http://[::1]:3000");
		assertThat(middleware.isAllowed("http://[::1]:3000", "api")).isTrue();
		assertThat(middleware.isAllowed("http://[::1]:8080", "[::1]:8080")).isTrue();
		assertThat(middleware.isAllowed("http://[::2]:3000", "api")).isFalse();
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
