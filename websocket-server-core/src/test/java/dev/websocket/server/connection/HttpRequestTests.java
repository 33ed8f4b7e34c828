package dev.websocket.server.connection;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpRequestTests {

	private static final URI URI_WITH_QUERY = URI.create("http://127.0.0.1:8080/ws?token=a%20b#frag");

	private static final Map<String, List<String>> HEADERS = Map.of("host", List.of("127.0.0.1:8080"));

	@Test
	void compactRequestReadsAsTheRequestOfTheSameValues() throws Exception {
		InetSocketAddress client = new InetSocketAddress(InetAddress.getByName("127.0.0.7"), 53211);
		HttpRequest compact = HttpRequest.compact(URI_WITH_QUERY, HEADERS, Map.of("a", "1"), client, List.of("wamp"),
				null);
		HttpRequest plain = new HttpRequest(URI_WITH_QUERY, HEADERS, Map.of("a", "1"), "127.0.0.7", List.of("wamp"),
				null);

		assertThat(compact.uri()).isEqualTo(URI_WITH_QUERY);
		assertThat(compact.uri().getRawQuery()).isEqualTo("token=a%20b");
		assertThat(compact.uri().getQuery()).isEqualTo("token=a b");
		assertThat(compact.remoteAddress()).isEqualTo("127.0.0.7");
		assertThat(compact.header("Host")).isEqualTo("127.0.0.1:8080");
		assertThat(compact).isEqualTo(plain).hasSameHashCodeAs(plain).hasToString(plain.toString());
	}

	@Test
	void compactRequestOfAnUnresolvedAddressShowsItsHostName() {
		HttpRequest request = HttpRequest.compact(URI_WITH_QUERY, HEADERS, Map.of(),
				InetSocketAddress.createUnresolved("client.example", 80), List.of(), null);

		assertThat(request.remoteAddress()).isEqualTo("client.example");
	}

	@Test
	void compactRequestWithoutAnAddressHasAnEmptyOne() {
		HttpRequest request = HttpRequest.compact(URI_WITH_QUERY, HEADERS, Map.of(), null, List.of(), null);

		assertThat(request.remoteAddress()).isEmpty();
	}

	@Test
	void requestsDifferingInOneValueAreNotEqual() {
		HttpRequest request = new HttpRequest(URI_WITH_QUERY, HEADERS, Map.of(), "127.0.0.1", List.of("wamp"), null);

		assertThat(request).isNotEqualTo(new HttpRequest(URI.create("http://127.0.0.1:8080/other"), HEADERS, Map.of(),
				"127.0.0.1", List.of("wamp"), null));
		assertThat(request)
			.isNotEqualTo(new HttpRequest(URI_WITH_QUERY, HEADERS, Map.of(), "127.0.0.2", List.of("wamp"), null));
		assertThat(request).isNotEqualTo(
				new HttpRequest(URI_WITH_QUERY, HEADERS, Map.of(), "127.0.0.1", List.of("wamp.2.json"), null));
	}

	@Test
	void headersAndCookiesAreCopiedUnlessTheyAreViews() {
		java.util.HashMap<String, List<String>> headers = new java.util.HashMap<>(HEADERS);
		HttpRequest request = new HttpRequest(URI_WITH_QUERY, headers, Map.of(), "127.0.0.1", List.of(), null);
		headers.put("origin", List.of("http://elsewhere"));

		assertThat(request.headers()).doesNotContainKey("origin");
	}

}
