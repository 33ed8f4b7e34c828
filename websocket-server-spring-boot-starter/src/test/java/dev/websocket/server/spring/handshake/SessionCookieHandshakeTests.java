package dev.websocket.server.spring.handshake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.websocket.server.client.WampClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A form login over HTTP, then the upgrade request with the {@code SESSION} cookie: the
 * logged-in user is the connection's principal, over a real socket.
 */
@SpringBootTest(classes = SessionCookieApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class SessionCookieHandshakeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	private String login(String username, String password) throws Exception {
		HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password))
			.timeout(TIMEOUT)
			.build();
		HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
		List<String> cookies = response.headers().allValues("Set-Cookie");
		// the last one: a login gives the session a new id
		return cookies.stream()
			.filter((cookie) -> cookie.startsWith("SESSION="))
			.reduce((first, second) -> second)
			.map((cookie) -> cookie.substring(0, cookie.indexOf(';')))
			.orElseThrow(() -> new AssertionError("No SESSION cookie after login: " + response.headers()));
	}

	private String whoami(WampClient.Builder builder) {
		WampClient client = builder.connect().block(TIMEOUT);
		try {
			JsonNode name = client.call("test/whoami").block(TIMEOUT);
			return name.isNull() ? null : name.asString();
		}
		finally {
			client.abort();
		}
	}

	private WampClient.Builder client() {
		return WampClient.builder(URI.create("ws://localhost:" + this.port + "/ws"));
	}

	@Test
	void loggedInSessionCookieMakesTheUserThePrincipal() throws Exception {
		String cookie = login("alice", "wonderland");
		assertThat(whoami(client().header("Cookie", cookie))).isEqualTo("alice");
	}

	@Test
	void handshakeWithoutTheCookieIsAnonymous() {
		assertThat(whoami(client())).isNull();
	}

	@Test
	void cookieOfAFailedLoginIsAnonymous() throws Exception {
		HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		HttpResponse<Void> response = http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=alice&password=wrong"))
				.timeout(TIMEOUT)
				.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).contains("error"));
		WampClient.Builder builder = client();
		response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("SESSION="))
			.findFirst()
			.ifPresent((cookie) -> builder.header("Cookie", cookie.substring(0, cookie.indexOf(';'))));
		assertThat(whoami(builder)).isNull();
	}

}
