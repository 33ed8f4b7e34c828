package dev.websocket.server.spring.auth;

import java.time.Duration;

import dev.websocket.server.client.WampCallException;
import dev.websocket.server.client.WampClient;
import dev.websocket.server.engine.Connections;
import dev.websocket.server.spring.event.WampAuthenticatedEvent;
import dev.websocket.server.spring.push.WampTemplate;
import dev.websocket.server.spring.webflux.TestSockets;
import dev.websocket.server.wamp.WampConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * WAMP-CRA switched on by a {@code WampCraSecrets} bean, over a real socket: the
 * logged-in user is the connection's principal for security rules, {@code Principal}
 * parameters, {@link Connections}, {@link WampTemplate#publishToUser} and events.
 */
@SpringBootTest(classes = CraApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class WampCraEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	final TestSockets sockets = new TestSockets();

	@Autowired
	CraApplication.Events events;

	@Autowired
	Connections connections;

	@Autowired
	WampTemplate template;

	@Test
	void loggedInUserPassesTheRulesAndReachesPrincipalParameters() {
		WampClient client = this.sockets.v1();
		assertThatExceptionOfType(WampCallException.class).isThrownBy(() -> client.call("staff/whoami").block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.errorUri()).isEqualTo("http://api.wamp.ws/error#NotAuthorized"));
		JsonNode permissions = CraLogin.login(client, "joe", "secret");
		assertThat(permissions.toString()).isEqualTo("{\"rpc\":[],\"pubsub\":[]}");
		assertThat(client.call("staff/whoami").block(TIMEOUT).asString()).isEqualTo("joe");
	}

	@Test
	void loginPublishesAnAuthenticatedEvent() {
		WampClient client = this.sockets.v1();
		CraLogin.login(client, "joe", "secret");
		WampAuthenticatedEvent event = await().atMost(TIMEOUT)
			.until(() -> this.events.of(WampAuthenticatedEvent.class)
				.stream()
				.filter((candidate) -> candidate.getSessionId().equals(client.sessionId()))
				.findFirst(), java.util.Optional::isPresent)
			.get();
		assertThat(event.getPrincipal().getName()).isEqualTo("joe");
	}

	@Test
	void loggedInUserIsFoundByNameAndReceivesWhatIsPushedToIt() {
		WampClient joe = this.sockets.v1();
		WampClient anonymous = this.sockets.v1();
		CraLogin.login(joe, "joe", "secret");
		assertThat(this.connections.findByUser("joe")).extracting(WampConnection::sessionId)
			.containsExactly(joe.sessionId());
		StepVerifier.create(joe.events("chat").map(JsonNode::asString).take(1))
			.then(() -> anonymous.events("chat").subscribe())
			.then(() -> await().atMost(TIMEOUT)
				.until(() -> this.connections.all()
					.stream()
					.filter((connection) -> connection.sessionId().equals(anonymous.sessionId())
							|| connection.sessionId().equals(joe.sessionId()))
					.allMatch((connection) -> connection.attributes()
						.get("wamp.subscriptions") instanceof java.util.Set<?> set && set.contains("chat"))))
			.then(() -> this.template.publishToUser("joe", "chat", "for joe").block(TIMEOUT))
			.expectNext("for joe")
			.verifyComplete();
	}

	@Test
	void anonymousLoginKeepsNoPrincipal() {
		WampClient client = this.sockets.v1();
		assertThat(client.call(CraLogin.AUTHREQ, (Object) null, null).block(TIMEOUT).isNull()).isTrue();
		client.call(CraLogin.AUTH, (Object) null).block(TIMEOUT);
		assertThat(client.call("test/whoami").block(TIMEOUT).isNull()).isTrue();
	}

}
