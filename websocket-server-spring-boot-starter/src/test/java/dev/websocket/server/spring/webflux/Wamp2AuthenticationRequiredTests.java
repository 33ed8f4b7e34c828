package dev.websocket.server.spring.webflux;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.websocket.server.connection.CloseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code websocket.server.auth.required=true} applies to WAMP v2: anonymous sessions are
 * refused, ticket and handshake logins are welcomed and may act, and a socket that does
 * not log in within {@code auth.timeout} is closed.
 */
@SpringBootTest(classes = Wamp2AuthApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "websocket.server.auth.required=true", "websocket.server.auth.tickets.joe=secret",
				"websocket.server.auth.timeout=2s" })
class Wamp2AuthenticationRequiredTests {

	@RegisterExtension
	final TestSockets sockets = new TestSockets();

	@Test
	void anAnonymousHelloIsAbortedNoMatchingAuthMethod() {
		RawWamp2Client implicit = this.sockets.connect(Map.of());
		implicit.send(1, "realm1", Map.of("roles", Map.of("caller", Map.of())));
		JsonNode abort = implicit.next();
		assertThat(abort.get(0).asInt()).as(abort.toString()).isEqualTo(3);
		assertThat(abort.get(2).asString()).isEqualTo("wamp.error.no_matching_auth_method");
		RawWamp2Client explicit = this.sockets.connect(Map.of());
		explicit.send(1, "realm1", Map.of("roles", Map.of(), "authmethods", List.of("anonymous")));
		assertThat(explicit.next().get(2).asString()).isEqualTo("wamp.error.no_matching_auth_method");
	}

	@Test
	void aTicketLoginIsWelcomedAndMayCall() {
		RawWamp2Client client = this.sockets.connect(Map.of());
		client.send(1, "realm1",
				Map.of("roles", Map.of(), "authmethods", List.of("anonymous", "ticket"), "authid", "joe"));
		assertThat(client.next().get(0).asInt()).isEqualTo(4);
		client.send(5, "secret", Map.of());
		assertThat(client.next().get(2).get("authid").asString()).isEqualTo("joe");
		client.send(48, 1, Map.of(), "auth/whoami");
		JsonNode result = client.next();
		assertThat(result.get(0).asInt()).as(result.toString()).isEqualTo(50);
		assertThat(result.get(3).get(0).asString()).isEqualTo("joe");
	}

	@Test
	void aSessionThatDoesNotAnswerItsChallengeIsClosedAfterTheTimeout() {
		RawWamp2Client client = this.sockets.connect(Map.of());
		client.send(1, "realm1", Map.of("roles", Map.of(), "authmethods", List.of("ticket"), "authid", "joe"));
		assertThat(client.next().get(0).asInt()).isEqualTo(4);
		CloseStatus status = client.awaitClose();
		assertThat(status.code()).isEqualTo(1008);
		assertThat(status.reason()).isEqualTo("Authentication timeout");
	}

	@Test
	void aLoggedInSessionOutlivesTheTimeout() {
		RawWamp2Client client = this.sockets.connect(Map.of());
		client.send(1, "realm1", Map.of("roles", Map.of(), "authmethods", List.of("ticket"), "authid", "joe"));
		client.next();
		client.send(5, "secret", Map.of());
		assertThat(client.next().get(0).asInt()).isEqualTo(2);
		// open throughout and past the 2 s authentication timeout
		await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(10)).until(() -> !client.isClosed());
		client.send(48, 1, Map.of(), "auth/whoami");
		assertThat(client.next(50).get(3).get(0).asString()).isEqualTo("joe");
	}

	@Test
	void aHandshakePrincipalIsWelcomedAndMayCall() {
		String basic = "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
		RawWamp2Client client = this.sockets.connect(Map.of("Authorization", basic));
		JsonNode welcome = client.welcome();
		assertThat(welcome.get(2).get("authmethod").asString()).isEqualTo("transport");
		client.send(48, 1, Map.of(), "auth/whoami");
		assertThat(client.next(50).get(3).get(0).asString()).isEqualTo("alice");
	}

}
