package dev.websocket.server.wamp.auth;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import dev.websocket.server.client.WampCallException;
import dev.websocket.server.client.WampClient;
import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.engine.Action;
import dev.websocket.server.engine.WampAuthorizer;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.engine.WampServerListener;
import dev.websocket.server.testing.NettyTestServer;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.message.WampMessage;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * WAMP-CRA over a real socket with the core's client calling the procedures as any
 * procedure; signatures and derived keys are computed here with {@code javax.crypto},
 * independently of {@link WampCra}.
 */
class WampCraAuthenticationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String ERROR = "http://api.wamp.ws/error#";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final WampCraSecrets SECRETS = WampCraSecrets.builder()
		.plain("joe", "secret")
		.salted("peter", "secret", "salt123", 1000, 32)
		.allowAnonymous(true)
		.build();

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final List<Principal> authenticated = new CopyOnWriteArrayList<>();

	private final List<WampServerListener.IgnoredReason> ignored = new CopyOnWriteArrayList<>();

	private @Nullable WampServer server;

	private @Nullable NettyTestServer netty;

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable resource : resources) {
			resource.close();
		}
		if (netty != null) {
			netty.close();
		}
		if (server != null) {
			server.shutdown(Duration.ofSeconds(1)).block(TIMEOUT);
		}
	}

	private void start(WampCraAuthentication.Builder authentication) {
		WampServer.Builder builder = WampServer.builder().rpc("test/whoami", (invocation) -> {
			Principal principal = invocation.connection().principal();
			return (principal != null) ? principal.getName() : null;
		}).topic("chat", new TopicHandler() {
		}).listener(new WampServerListener() {
			@Override
			public void authenticated(WampConnection connection, Principal principal) {
				authenticated.add(principal);
			}

			@Override
			public void messageIgnored(WampConnection connection, WampMessage message, IgnoredReason reason) {
				ignored.add(reason);
			}
		});
		authentication.build().install(builder, WampAuthorizer.PERMIT_ALL);
		server = builder.build();
		netty = NettyTestServer.start(server);
	}

	private void start() {
		start(WampCraAuthentication.builder()
			.secrets(SECRETS)
			.failureDelay(Duration.ofMillis(50), Duration.ofMillis(50)));
	}

	private WampClient connect() {
		WampClient client = WampClient.connect(netty.uri()).block(TIMEOUT);
		assertThat(client).isNotNull();
		resources.add(client::abort);
		return client;
	}

	private static String call(WampClient client, String procedure, @Nullable Object... args) {
		JsonNode result = client.call(procedure, args).block(TIMEOUT);
		return (result == null || result.isNull()) ? null : result.isString() ? result.asString() : result.toString();
	}

	private static void assertError(WampClient client, String error, String procedure, @Nullable Object... args) {
		assertThatExceptionOfType(WampCallException.class).isThrownBy(() -> client.call(procedure, args).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.errorUri()).isEqualTo(ERROR + error));
	}

	private static String hmac(String key, String text) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
	}

	private static String pbkdf2(String secret, String salt, int iterations, int keyLength) throws Exception {
		PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations,
				keyLength * 8);
		byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
		return Base64.getEncoder().encodeToString(key);
	}

	private static String login(WampClient client, String authKey, String secret) throws Exception {
		String challenge = call(client, WampCraAuthentication.AUTHREQ, authKey, null);
		return call(client, WampCraAuthentication.AUTH, hmac(secret, challenge));
	}

	@Test
	void plainSecretLogsInAndTheChallengeCarriesTheFieldsAutobahnJsReads() throws Exception {
		start();
		WampClient client = connect();
		String challenge = call(client, WampCraAuthentication.AUTHREQ, "joe", null);
		JsonNode info = json.readTree(challenge);
		assertThat(info.get("authid").asString()).isNotBlank();
		assertThat(info.get("authkey").asString()).isEqualTo("joe");
		assertThat(info.get("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
		assertThat(info.get("sessionid").asString()).isEqualTo(client.sessionId());
		assertThat(info.get("extra").isObject()).isTrue();
		assertThat(info.get("permissions").toString()).isEqualTo("{\"rpc\":[],\"pubsub\":[]}");
		assertThat(info.has("authextra")).isFalse();
		String permissions = call(client, WampCraAuthentication.AUTH, hmac("secret", challenge));
		assertThat(permissions).isEqualTo("{\"rpc\":[],\"pubsub\":[]}");
		assertThat(call(client, "test/whoami")).isEqualTo("joe");
	}

	@Test
	void extraIsEchoedInTheChallenge() {
		start();
		WampClient client = connect();
		String challenge = call(client, WampCraAuthentication.AUTHREQ, "joe", java.util.Map.of("client", "test"));
		assertThat(json.readTree(challenge).get("extra").toString()).isEqualTo("{\"client\":\"test\"}");
	}

	@Test
	void challengesAreNeverRepeated() {
		start();
		String first = call(connect(), WampCraAuthentication.AUTHREQ, "joe", null);
		String second = call(connect(), WampCraAuthentication.AUTHREQ, "joe", null);
		assertThat(json.readTree(first).get("authid")).isNotEqualTo(json.readTree(second).get("authid"));
	}

	@Test
	void saltedSecretLogsInWithTheKeyDerivedFromAuthextra() throws Exception {
		start();
		WampClient client = connect();
		String challenge = call(client, WampCraAuthentication.AUTHREQ, "peter", null);
		JsonNode authextra = json.readTree(challenge).get("authextra");
		assertThat(authextra.toString()).isEqualTo("{\"salt\":\"salt123\",\"keylen\":32,\"iterations\":1000}");
		String key = pbkdf2("secret", authextra.get("salt").asString(), authextra.get("iterations").asInt(),
				authextra.get("keylen").asInt());
		call(client, WampCraAuthentication.AUTH, hmac(key, challenge));
		assertThat(call(client, "test/whoami")).isEqualTo("peter");
	}

	@Test
	void saltedSecretRefusesTheUnderivedSecret() throws Exception {
		start();
		WampClient client = connect();
		String challenge = call(client, WampCraAuthentication.AUTHREQ, "peter", null);
		assertError(client, "invalid-signature", WampCraAuthentication.AUTH, hmac("secret", challenge));
		assertThat(call(client, "test/whoami")).isNull();
	}

	@Test
	void anonymousLoginAnswersNullAndLeavesNoPrincipal() {
		start(WampCraAuthentication.builder().secrets(SECRETS).required(true));
		WampClient client = connect();
		assertThat(call(client, WampCraAuthentication.AUTHREQ, null, null)).isNull();
		assertThat(call(client, WampCraAuthentication.AUTH, (Object) null)).isEqualTo("{\"rpc\":[],\"pubsub\":[]}");
		// authenticated (so allowed although authentication is required), as nobody
		assertThat(call(client, "test/whoami")).isNull();
		assertThat(authenticated).isEmpty();
	}

	@Test
	void loginMakesTheUserThePrincipalEverywhere() throws Exception {
		start();
		WampClient client = connect();
		WampClient other = connect();
		login(client, "joe", "secret");
		assertThat(authenticated).extracting(Principal::getName).containsExactly("joe");
		assertThat(server.connections().findByUser("joe")).extracting(WampConnection::sessionId)
			.containsExactly(client.sessionId());
		List<JsonNode> events = new CopyOnWriteArrayList<>();
		client.subscribe("chat", events::add).block(TIMEOUT);
		List<JsonNode> otherEvents = new CopyOnWriteArrayList<>();
		other.subscribe("chat", otherEvents::add).block(TIMEOUT);
		// SUBSCRIBE has no answer in WAMP v1: wait until both are subscribed
		await().atMost(TIMEOUT).until(() -> server.topic("chat").map((topic) -> topic.size() == 2).orElse(false));
		server.publish(new Publication("chat", "for joe", java.util.Set.of(), null, "joe")).block(TIMEOUT);
		await().atMost(TIMEOUT).until(() -> events.size() == 1);
		assertThat(events.get(0).asString()).isEqualTo("for joe");
		assertThat(otherEvents).isEmpty();
	}

	@Test
	void closedConnectionLeavesTheIndexByUser() throws Exception {
		start();
		WampClient client = connect();
		login(client, "joe", "secret");
		client.close().block(TIMEOUT);
		await().atMost(TIMEOUT).until(() -> server.connections().findByUser("joe").isEmpty());
	}

	// ---- every error of the protocol

	@Test
	void authreqAfterLoginIsAlreadyAuthenticated() throws Exception {
		start();
		WampClient client = connect();
		login(client, "joe", "secret");
		assertError(client, "already-authenticated", WampCraAuthentication.AUTHREQ, "joe", null);
		assertError(client, "already-authenticated", WampCraAuthentication.AUTH, "anything");
	}

	@Test
	void secondAuthreqBeforeAuthIsAlreadyRequested() {
		start();
		WampClient client = connect();
		call(client, WampCraAuthentication.AUTHREQ, "joe", null);
		assertError(client, "authentication-already-requested", WampCraAuthentication.AUTHREQ, "joe", null);
	}

	@Test
	void argumentsOfTheWrongTypeAreInvalid() {
		start();
		WampClient client = connect();
		assertError(client, "invalid-argument", WampCraAuthentication.AUTHREQ, 42, null);
		assertError(client, "invalid-argument", WampCraAuthentication.AUTHREQ, "joe", "not an object");
		assertError(client, "invalid-argument", WampCraAuthentication.AUTHREQ, "joe", null, "third");
		call(client, WampCraAuthentication.AUTHREQ, "joe", null);
		assertError(client, "invalid-argument", WampCraAuthentication.AUTH, 42);
		assertError(client, "invalid-argument", WampCraAuthentication.AUTH, (Object) null);
	}

	@Test
	void signatureForAnAnonymousLoginIsInvalid() {
		start();
		WampClient client = connect();
		call(client, WampCraAuthentication.AUTHREQ, null, null);
		assertError(client, "invalid-argument", WampCraAuthentication.AUTH, "signature");
	}

	@Test
	void anonymousLoginIsForbiddenUnlessAllowed() {
		start(WampCraAuthentication.builder().secrets(WampCraSecrets.builder().plain("joe", "secret").build()));
		assertError(connect(), "anonymous-auth-forbidden", WampCraAuthentication.AUTHREQ, null, null);
	}

	@Test
	void unknownAuthKeyIsNoSuchAuthkey() {
		start();
		assertError(connect(), "no-such-authkey", WampCraAuthentication.AUTHREQ, "nobody", null);
	}

	@Test
	void authWithoutAuthreqIsNoAuthenticationRequested() {
		start();
		assertError(connect(), "no-authentication-requested", WampCraAuthentication.AUTH, "signature");
	}

	@Test
	void wrongSignatureIsInvalidSignature() {
		start();
		WampClient client = connect();
		call(client, WampCraAuthentication.AUTHREQ, "joe", null);
		assertError(client, "invalid-signature", WampCraAuthentication.AUTH, "bm90IGEgc2lnbmF0dXJl");
	}

	// ---- one try per challenge, and the delay

	@Test
	void challengeAllowsOneTryOnly() throws Exception {
		start();
		WampClient client = connect();
		String challenge = call(client, WampCraAuthentication.AUTHREQ, "joe", null);
		assertError(client, "invalid-signature", WampCraAuthentication.AUTH, hmac("wrong", challenge));
		assertError(client, "no-authentication-requested", WampCraAuthentication.AUTH, hmac("secret", challenge));
		// a new challenge is a new try
		String next = call(client, WampCraAuthentication.AUTHREQ, "joe", null);
		call(client, WampCraAuthentication.AUTH, hmac("secret", next));
		assertThat(call(client, "test/whoami")).isEqualTo("joe");
	}

	@Test
	void noNewChallengeWhileAWrongSignatureAwaitsItsAnswer() throws Exception {
		start(WampCraAuthentication.builder().secrets(SECRETS).failureDelay(Duration.ofSeconds(2), Duration.ZERO));
		WampClient client = connect();
		String challenge = call(client, WampCraAuthentication.AUTHREQ, "joe", null);
		Mono<JsonNode> failed = client.call(WampCraAuthentication.AUTH, hmac("wrong", challenge)).cache();
		failed.subscribe(null, (ex) -> {
		});
		// CALLs are handled in order: once this is answered the wrong try was handled
		call(client, "test/whoami");
		assertError(client, "authentication-already-requested", WampCraAuthentication.AUTHREQ, "joe", null);
		StepVerifier.create(failed)
			.expectErrorSatisfies(
					(ex) -> assertThat(((WampCallException) ex).errorUri()).isEqualTo(ERROR + "invalid-signature"))
			.verify(TIMEOUT);
		// answered: a new challenge may be requested
		assertThat(call(client, WampCraAuthentication.AUTHREQ, "joe", null)).contains("\"authkey\":\"joe\"");
	}

	@Test
	void wrongSignatureIsNotAnsweredBeforeTheFloor() throws Exception {
		Duration floor = Duration.ofMillis(700);
		start(WampCraAuthentication.builder().secrets(SECRETS).failureDelay(floor, Duration.ofMillis(300)));
		WampClient client = connect();
		String challenge = call(client, WampCraAuthentication.AUTHREQ, "joe", null);
		long sent = System.nanoTime();
		assertError(client, "invalid-signature", WampCraAuthentication.AUTH, hmac("wrong", challenge));
		assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(floor);
	}

	// ---- authentication required

	@Test
	void requiredAuthenticationRefusesOtherCallsUntilLoggedIn() throws Exception {
		start(WampCraAuthentication.builder().secrets(SECRETS).required(true));
		WampClient client = connect();
		assertThatExceptionOfType(WampCallException.class).isThrownBy(() -> client.call("test/whoami").block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.errorUri()).isEqualTo(ERROR + "NotAuthorized"));
		login(client, "joe", "secret");
		assertThat(call(client, "test/whoami")).isEqualTo("joe");
	}

	@Test
	void requiredAuthenticationIgnoresSubscribeAndPublishUntilLoggedIn() throws Exception {
		start(WampCraAuthentication.builder().secrets(SECRETS).required(true));
		WampClient client = connect();
		client.subscribe("chat", (event) -> {
		}).block(TIMEOUT);
		client.publish("chat", "before").block(TIMEOUT);
		await().atMost(TIMEOUT)
			.until(() -> ignored.size() == 2
					&& ignored.stream().allMatch(WampServerListener.IgnoredReason.NOT_AUTHORIZED::equals));
		assertThat(server.topicCount()).isZero();
		login(client, "joe", "secret");
		List<JsonNode> events = new CopyOnWriteArrayList<>();
		client.subscribe("chat", events::add).block(TIMEOUT);
		client.publish("chat", "after").block(TIMEOUT);
		await().atMost(TIMEOUT).until(() -> events.size() == 1);
		assertThat(events.get(0).asString()).isEqualTo("after");
	}

	@Test
	void unauthenticatedConnectionIsClosedAfterTheTimeout() {
		start(WampCraAuthentication.builder().secrets(SECRETS).required(true).timeout(Duration.ofMillis(300)));
		WampClient client = connect();
		StepVerifier.create(client.closed())
			.assertNext((status) -> assertThat(status)
				.isEqualTo(new CloseStatus(CloseCodes.POLICY_VIOLATION, "Authentication timeout")))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void authenticatedConnectionOutlivesTheTimeout() throws Exception {
		start(WampCraAuthentication.builder().secrets(SECRETS).required(true).timeout(Duration.ofMillis(300)));
		WampClient client = connect();
		login(client, "joe", "secret");
		await().during(Duration.ofMillis(900)).atMost(TIMEOUT).until(() -> !client.isClosed());
		assertThat(call(client, "test/whoami")).isEqualTo("joe");
	}

	@Test
	void authProceduresStayCallableWhateverTheApplicationsAuthorizer() throws Exception {
		WampServer.Builder builder = WampServer.builder().rpc("test/open", (invocation) -> "open");
		WampCraAuthentication.builder()
			.secrets(SECRETS)
			.build()
			.install(builder, (connection, action, uri) -> action != Action.CALL || uri.equals("test/open"));
		server = builder.build();
		netty = NettyTestServer.start(server);
		WampClient client = connect();
		login(client, "joe", "secret");
		assertThat(call(client, "test/open")).isEqualTo("open");
	}

}
