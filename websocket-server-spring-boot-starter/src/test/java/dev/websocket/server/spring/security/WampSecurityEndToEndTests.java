package dev.websocket.server.spring.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.websocket.server.client.WampCallException;
import dev.websocket.server.client.WampClient;
import dev.websocket.server.spring.webflux.TestSockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WampSecurityRules} enforced over a real socket, with the handshake's HTTP Basic
 * user.
 */
@SpringBootTest(classes = SecuredWampApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class WampSecurityEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	final TestSockets sockets = new TestSockets();

	@Test
	void anonymousCallToAProtectedProcedureIsNotAuthorized() {
		WampClient anonymous = connect(null);
		StepVerifier.create(anonymous.call("admin/whoami"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(WampCallException.class)
				.extracting((error) -> ((WampCallException) error).errorUri())
				.isEqualTo("http://api.wamp.ws/error#NotAuthorized"))
			.verify(TIMEOUT);
	}

	@Test
	void userWithoutTheRoleIsNotAuthorized() {
		WampClient bob = connect("bob");
		StepVerifier.create(bob.call("admin/whoami"))
			.expectErrorSatisfies((ex) -> assertThat(((WampCallException) ex).errorUri())
				.isEqualTo("http://api.wamp.ws/error#NotAuthorized"))
			.verify(TIMEOUT);
	}

	@Test
	void authenticatedAdminIsAllowedAndItsPrincipalReachesTheMethod() {
		WampClient ada = connect("ada");
		StepVerifier.create(ada.call("admin/whoami").map(JsonNode::asString)).expectNext("ada").verifyComplete();
	}

	@Test
	void anonymousSubscriberOfAProtectedTopicReceivesNoEvents() {
		WampClient ada = connect("ada");
		WampClient anonymous = connect(null);
		Flux<String> events = Flux.merge(anonymous.events("staff/news").map((event) -> "staff " + event.asString()),
				anonymous.events("open/news").map((event) -> "open " + event.asString()));
		StepVerifier.create(events.take(1))
			.then(() -> roundTrip(anonymous))
			.then(() -> ada.publish("staff/news", "secret").then(ada.publish("open/news", "public")).block(TIMEOUT))
			.expectNext("open public")
			.verifyComplete();
	}

	@Test
	void authenticatedSubscriberOfAProtectedTopicReceivesEvents() {
		WampClient ada = connect("ada");
		WampClient bob = connect("bob");
		StepVerifier.create(bob.events("staff/news").map(JsonNode::asString).take(1))
			.then(() -> roundTrip(bob))
			.then(() -> ada.publish("staff/news", "meeting at ten").block(TIMEOUT))
			.expectNext("meeting at ten")
			.verifyComplete();
	}

	/**
	 * A CALL answered after every earlier message of the client was handled (SUBSCRIBEs
	 * included).
	 */
	private static void roundTrip(WampClient client) {
		assertThat(client.call("public/ping").block(TIMEOUT).asString()).isEqualTo("pong");
	}

	private WampClient connect(String user) {
		WampClient.Builder builder = WampClient.builder(this.sockets.uri());
		if (user != null) {
			String credentials = Base64.getEncoder()
				.encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8));
			builder.header("Authorization", "Basic " + credentials);
		}
		return this.sockets.v1(builder);
	}

}
