package dev.websocket.server.spring.webflux;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.spring.push.WampTemplate;
import dev.websocket.server.wamp.auth.WampCra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WAMP v2 logins end to end, a raw v2 client over a real socket: {@code ticket} from the
 * properties, {@code wampcra} through the v1 secrets bean (plain and salted), the
 * client's order of {@code authmethods}, the handshake principal, and every refusal.
 */
@SpringBootTest(classes = Wamp2AuthApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "websocket.server.auth.tickets.joe=secret", "websocket.server.auth.tickets.ann=ticket-2",
				"websocket.server.auth.roles.joe=admin", "websocket.server.auth.failure-delay=300ms",
				"websocket.server.auth.failure-jitter=0s" })
class Wamp2AuthenticationIntegrationTests {

	private static final int HELLO = 1;

	private static final int WELCOME = 2;

	private static final int ABORT = 3;

	private static final int CHALLENGE = 4;

	private static final int AUTHENTICATE = 5;

	private static final int ERROR = 8;

	private static final int SUBSCRIBE = 32;

	private static final int EVENT = 36;

	private static final int CALL = 48;

	private static final int RESULT = 50;

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@RegisterExtension
	final TestSockets sockets = new TestSockets();

	@Autowired
	WampTemplate template;

	private static Map<String, Object> details(String authid, String... authmethods) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("roles", Map.of("caller", Map.of(), "subscriber", Map.of(), "publisher", Map.of()));
		details.put("authmethods", List.of(authmethods));
		if (authid != null) {
			details.put("authid", authid);
		}
		return details;
	}

	/** HELLO offering the methods as authid; the router's answer. */
	private JsonNode hello(RawWamp2Client client, String authid, String... authmethods) {
		client.send(HELLO, "realm1", details(authid, authmethods));
		return client.next();
	}

	private RawWamp2Client ticketLogin(String authid, String ticket) {
		RawWamp2Client client = this.sockets.connect();
		JsonNode challenge = hello(client, authid, "ticket");
		assertThat(challenge.get(0).asInt()).as("CHALLENGE: " + challenge).isEqualTo(CHALLENGE);
		client.send(AUTHENTICATE, ticket, Map.of());
		return client;
	}

	private static void assertAbort(JsonNode message, String reason) {
		assertThat(message.get(0).asInt()).as("ABORT: " + message).isEqualTo(ABORT);
		assertThat(message.get(2).asString()).isEqualTo(reason);
	}

	private static JsonNode parse(String json) {
		return mapper.readTree(json);
	}

	// ---- ticket

	@Test
	void ticketLoginIsChallengedAndWelcomedWithItsAuthidAndRole() {
		RawWamp2Client client = this.sockets.connect();
		JsonNode challenge = hello(client, "joe", "ticket");
		assertThat(challenge.toString()).isEqualTo("[4,\"ticket\",{}]");
		client.send(AUTHENTICATE, "secret", Map.of());
		JsonNode welcome = client.next();
		assertThat(welcome.get(0).asInt()).as("WELCOME: " + welcome).isEqualTo(WELCOME);
		JsonNode details = welcome.get(2);
		assertThat(details.get("authid").asString()).isEqualTo("joe");
		assertThat(details.get("authrole").asString()).isEqualTo("admin");
		assertThat(details.get("authmethod").asString()).isEqualTo("ticket");
		assertThat(details.get("authprovider").asString()).isEqualTo("static");
	}

	@Test
	void theLoginIsTheSessionsPrincipalForHandlersSecurityRulesAndMeta() {
		RawWamp2Client joe = ticketLogin("joe", "secret");
		long session = joe.next(WELCOME).get(1).asLong();
		joe.send(CALL, 1, Map.of(), "auth/whoami");
		assertThat(joe.next(RESULT).get(3).get(0).asString()).isEqualTo("joe");
		// admin/** needs the role admin: joe's authrole
		joe.send(CALL, 2, Map.of(), "admin/ping");
		assertThat(joe.next(RESULT).get(3).get(0).asString()).isEqualTo("pong");
		joe.send(CALL, 3, Map.of(), "wamp.session.get", List.of(session));
		JsonNode meta = joe.next(RESULT).get(3).get(0);
		assertThat(meta.get("authid").asString()).isEqualTo("joe");
		assertThat(meta.get("authrole").asString()).isEqualTo("admin");
		assertThat(meta.get("authmethod").asString()).isEqualTo("ticket");

		RawWamp2Client ann = ticketLogin("ann", "ticket-2");
		assertThat(ann.next(WELCOME).get(2).get("authrole").asString()).isEqualTo("user");
		ann.send(CALL, 1, Map.of(), "admin/ping");
		JsonNode error = ann.next(ERROR);
		assertThat(error.get(4).asString()).isEqualTo("wamp.error.not_authorized");
	}

	@Test
	void aTemplatePublicationToTheUserReachesTheSessionThatLoggedInAsIt() {
		RawWamp2Client joe = ticketLogin("joe", "secret");
		joe.next(WELCOME);
		RawWamp2Client anonymous = this.sockets.connect();
		assertThat(hello(anonymous, null, "anonymous").get(0).asInt()).isEqualTo(WELCOME);
		joe.send(SUBSCRIBE, 1, Map.of(), "auth/room");
		joe.next(33);
		anonymous.send(SUBSCRIBE, 1, Map.of(), "auth/room");
		anonymous.next(33);
		this.template.publishToUser("joe", "auth/room", "for joe").block(Duration.ofSeconds(5));
		assertThat(joe.next(EVENT).get(4).get(0).asString()).isEqualTo("for joe");
		anonymous.send(CALL, 7, Map.of(), "auth/whoami");
		// the anonymous session's next message is the answer, not the event
		JsonNode next = anonymous.next();
		assertThat(next.get(0).asInt()).as(next.toString()).isEqualTo(RESULT);
		assertThat(next.get(3).get(0).isNull()).isTrue();
	}

	@Test
	void eligibleAuthidAndExcludeAuthroleNameTheLogins() throws InterruptedException {
		RawWamp2Client joe = ticketLogin("joe", "secret");
		joe.next(WELCOME);
		RawWamp2Client ann = ticketLogin("ann", "ticket-2");
		ann.next(WELCOME);
		RawWamp2Client publisher = this.sockets.connect();
		publisher.welcome();
		for (RawWamp2Client client : List.of(joe, ann)) {
			client.send(SUBSCRIBE, 1, Map.of(), "auth/room");
			client.next(33);
		}
		publisher.send(16, 1, Map.of("acknowledge", true, "eligible_authid", List.of("joe")), "auth/room",
				List.of("to joe"));
		publisher.next(17);
		assertThat(joe.next(EVENT).get(4).get(0).asString()).isEqualTo("to joe");
		publisher.send(16, 2, Map.of("acknowledge", true, "exclude_authrole", List.of("admin")), "auth/room",
				List.of("not to admins"));
		publisher.next(17);
		JsonNode event = ann.next(EVENT);
		assertThat(event.get(4).get(0).asString()).as("ann's first event").isEqualTo("not to admins");
		assertThat(joe.hasMessageWithin(Duration.ofMillis(300))).as("joe, an admin, gets nothing more").isFalse();
	}

	@Test
	void aWrongTicketIsAbortedNotAuthorizedAfterTheFailureDelay() {
		RawWamp2Client client = this.sockets.connect();
		hello(client, "joe", "ticket");
		long start = System.nanoTime();
		client.send(AUTHENTICATE, "wrong", Map.of());
		JsonNode abort = client.next();
		long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
		assertAbort(abort, "wamp.error.not_authorized");
		assertThat(elapsed).as("answered after the failure delay").isGreaterThanOrEqualTo(300);
		CloseStatus status = client.awaitClose();
		assertThat(status.code()).isEqualTo(1000);
	}

	@Test
	void anUnknownAuthidIsChallengedAndRefusedLikeAWrongTicket() {
		RawWamp2Client client = this.sockets.connect();
		assertThat(hello(client, "nobody", "ticket").toString()).isEqualTo("[4,\"ticket\",{}]");
		client.send(AUTHENTICATE, "secret", Map.of());
		assertAbort(client.next(), "wamp.error.not_authorized");
	}

	@Test
	void whatTheClientSendsWhileItsFailedLoginWaitsIsDropped() throws InterruptedException {
		RawWamp2Client client = this.sockets.connect();
		hello(client, "joe", "ticket");
		client.send(AUTHENTICATE, "wrong", Map.of());
		client.send(AUTHENTICATE, "secret", Map.of());
		client.send(CALL, 1, Map.of(), "auth/whoami");
		assertAbort(client.next(), "wamp.error.not_authorized");
		assertThat(client.hasMessageWithin(Duration.ofMillis(300))).isFalse();
	}

	// ---- wampcra

	@Test
	void wampcraChallengeFollowsTheSpecAndAPlainSecretSignsIt() {
		RawWamp2Client client = this.sockets.connect();
		JsonNode challenge = hello(client, "joe", "wampcra");
		assertThat(challenge.get(0).asInt()).as("CHALLENGE: " + challenge).isEqualTo(CHALLENGE);
		assertThat(challenge.get(1).asString()).isEqualTo("wampcra");
		JsonNode extra = challenge.get(2);
		assertThat(extra.has("salt")).isFalse();
		String text = extra.get("challenge").asString();
		JsonNode info = parse(text);
		assertThat(info.get("authid").asString()).isEqualTo("joe");
		assertThat(info.get("authrole").asString()).isEqualTo("admin");
		assertThat(info.get("authmethod").asString()).isEqualTo("wampcra");
		assertThat(info.get("authprovider").asString()).isEqualTo("static");
		assertThat(info.get("nonce").asString()).hasSizeGreaterThanOrEqualTo(16);
		assertThat(info.get("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
		long session = info.get("session").asLong();
		client.send(AUTHENTICATE, WampCra.sign("secret", text), Map.of());
		JsonNode welcome = client.next();
		assertThat(welcome.get(0).asInt()).as("WELCOME: " + welcome).isEqualTo(WELCOME);
		assertThat(welcome.get(1).asLong()).as("the challenge names the session id").isEqualTo(session);
		assertThat(welcome.get(2).get("authid").asString()).isEqualTo("joe");
		assertThat(welcome.get(2).get("authmethod").asString()).isEqualTo("wampcra");
	}

	@Test
	void aSaltedSecretSendsItsDerivationAndSignsWithTheDerivedKey() throws Exception {
		RawWamp2Client client = this.sockets.connect();
		JsonNode extra = hello(client, "peter", "wampcra").get(2);
		assertThat(extra.get("salt").asString()).isEqualTo("salt123");
		assertThat(extra.get("keylen").asInt()).isEqualTo(32);
		assertThat(extra.get("iterations").asInt()).isEqualTo(1000);
		// the derived key computed here with the JDK, independently of the server's
		javax.crypto.SecretKeyFactory factory = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
		byte[] derived = factory
			.generateSecret(new javax.crypto.spec.PBEKeySpec("secret".toCharArray(),
					"salt123".getBytes(StandardCharsets.UTF_8), 1000, 256))
			.getEncoded();
		String key = Base64.getEncoder().encodeToString(derived);
		javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
		mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String signature = Base64.getEncoder()
			.encodeToString(mac.doFinal(extra.get("challenge").asString().getBytes(StandardCharsets.UTF_8)));
		client.send(AUTHENTICATE, signature, Map.of());
		JsonNode welcome = client.next();
		assertThat(welcome.get(0).asInt()).as("WELCOME: " + welcome).isEqualTo(WELCOME);
		assertThat(welcome.get(2).get("authid").asString()).isEqualTo("peter");
		assertThat(welcome.get(2).get("authrole").asString()).isEqualTo("user");
	}

	@Test
	void aWrongWampcraSignatureIsAbortedNotAuthorized() {
		RawWamp2Client client = this.sockets.connect();
		JsonNode extra = hello(client, "peter", "wampcra").get(2);
		// signed with the plain secret where the derived key is needed
		client.send(AUTHENTICATE, WampCra.sign("secret", extra.get("challenge").asString()), Map.of());
		assertAbort(client.next(), "wamp.error.not_authorized");
	}

	@Test
	void anUnknownWampcraAuthidIsChallengedAndRefused() {
		RawWamp2Client client = this.sockets.connect();
		JsonNode challenge = hello(client, "nobody", "wampcra");
		assertThat(challenge.get(1).asString()).isEqualTo("wampcra");
		client.send(AUTHENTICATE, WampCra.sign("secret", challenge.get(2).get("challenge").asString()), Map.of());
		assertAbort(client.next(), "wamp.error.not_authorized");
	}

	// ---- choosing the method

	@Test
	void theClientsOrderOfAuthmethodsDecides() {
		assertThat(hello(this.sockets.connect(), "joe", "wampcra", "ticket").get(1).asString()).isEqualTo("wampcra");
		assertThat(hello(this.sockets.connect(), "joe", "ticket", "wampcra").get(1).asString()).isEqualTo("ticket");
		assertThat(hello(this.sockets.connect(), "joe", "anonymous", "ticket").get(0).asInt()).isEqualTo(WELCOME);
	}

	@Test
	void methodsTheRouterDoesNotPerformAreSkipped() {
		assertThat(hello(this.sockets.connect(), "joe", "cryptosign", "ticket").toString())
			.isEqualTo("[4,\"ticket\",{}]");
		JsonNode welcome = hello(this.sockets.connect(), "joe", "cryptosign", "anonymous");
		assertThat(welcome.get(0).asInt()).isEqualTo(WELCOME);
		assertThat(welcome.get(2).get("authmethod").asString()).isEqualTo("anonymous");
	}

	@Test
	void noAcceptedMethodIsAbortedNoMatchingAuthMethod() {
		RawWamp2Client client = this.sockets.connect();
		assertAbort(hello(client, "joe", "cryptosign"), "wamp.error.no_matching_auth_method");
		assertThat(client.awaitClose().code()).isEqualTo(1000);
		// ticket and wampcra need the authid
		assertAbort(hello(this.sockets.connect(), null, "ticket", "wampcra"), "wamp.error.no_matching_auth_method");
	}

	@Test
	void aHelloWithoutAuthmethodsIsAnonymous() {
		RawWamp2Client client = this.sockets.connect();
		JsonNode welcome = client.welcome();
		assertThat(welcome.get(2).get("authid").asString()).isEqualTo("anonymous");
		assertThat(welcome.get(2).get("authrole").asString()).isEqualTo("anonymous");
		assertThat(welcome.get(2).get("authmethod").asString()).isEqualTo("anonymous");
	}

	@Test
	void theHandshakePrincipalIsTheSessionsUserWhateverItOffers() {
		String basic = "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
		RawWamp2Client client = this.sockets.connect(Map.of("Authorization", basic));
		JsonNode welcome = hello(client, "joe", "ticket");
		assertThat(welcome.get(0).asInt()).as("WELCOME: " + welcome).isEqualTo(WELCOME);
		assertThat(welcome.get(2).get("authid").asString()).isEqualTo("alice");
		assertThat(welcome.get(2).get("authrole").asString()).isEqualTo("user");
		assertThat(welcome.get(2).get("authmethod").asString()).isEqualTo("transport");
	}

	// ---- protocol violations

	@Test
	void authenticateWithoutAChallengeIsAProtocolViolation() {
		RawWamp2Client client = this.sockets.connect();
		client.send(AUTHENTICATE, "secret", Map.of());
		JsonNode abort = client.next();
		assertAbort(abort, "wamp.error.protocol_violation");
		assertThat(abort.get(1).get("message").asString()).isEqualTo("AUTHENTICATE without a CHALLENGE");
		assertThat(client.awaitClose().code()).isEqualTo(1002);
	}

	@Test
	void authenticateOnAnOpenSessionIsAProtocolViolation() {
		RawWamp2Client client = ticketLogin("joe", "secret");
		client.next(WELCOME);
		client.send(AUTHENTICATE, "secret", Map.of());
		assertAbort(client.next(), "wamp.error.protocol_violation");
		assertThat(client.awaitClose().code()).isEqualTo(1002);
	}

	@Test
	void anythingButAuthenticateAfterAChallengeIsAProtocolViolation() {
		RawWamp2Client client = this.sockets.connect();
		hello(client, "joe", "ticket");
		client.send(CALL, 1, Map.of(), "auth/whoami");
		JsonNode abort = client.next();
		assertAbort(abort, "wamp.error.protocol_violation");
		assertThat(abort.get(1).get("message").asString()).isEqualTo("CALL while authenticating");
	}

	@Test
	void malformedAuthmethodsOrAuthidIsAProtocolViolation() {
		RawWamp2Client methods = this.sockets.connect();
		methods.send(HELLO, "realm1", Map.of("roles", Map.of(), "authmethods", "ticket"));
		assertAbort(methods.next(), "wamp.error.protocol_violation");
		RawWamp2Client authid = this.sockets.connect();
		authid.send(HELLO, "realm1", Map.of("roles", Map.of(), "authmethods", List.of("ticket"), "authid", 7));
		assertAbort(authid.next(), "wamp.error.protocol_violation");
		RawWamp2Client signature = this.sockets.connect();
		hello(signature, "joe", "ticket");
		signature.sendText("[5,42,{}]");
		assertAbort(signature.next(), "wamp.error.protocol_violation");
	}

}
