package dev.websocket.server.spring.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.websocket.server.client.WampCallException;
import dev.websocket.server.client.WampClient;
import dev.websocket.server.client.WampHandshakeException;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.engine.Connections;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.engine.WampServerListener.IgnoredReason;
import dev.websocket.server.middleware.HandshakeRejectedException;
import dev.websocket.server.spring.event.WampConnectionClosedEvent;
import dev.websocket.server.spring.event.WampConnectionOpenedEvent;
import dev.websocket.server.spring.event.WampErrorEvent;
import dev.websocket.server.spring.event.WampHandshakeRejectedEvent;
import dev.websocket.server.spring.event.WampMessageIgnoredEvent;
import dev.websocket.server.spring.event.WampSubscribedEvent;
import dev.websocket.server.spring.event.WampUnsubscribedEvent;
import dev.websocket.server.spring.push.WampTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Every protocol rule of the design, end to end: the auto-configured endpoint on a real
 * server, the core {@link WampClient} (or a raw WebSocket client) over a real socket.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "websocket.server.allowed-origins=https://allowed.example",
				"websocket.server.outbound.max-messages=64", "websocket.server.outbound.max-bytes=512KB",
				"management.endpoint.health.show-details=always" })
class WampEndpointIntegrationTests {

	private static final Duration T = Duration.ofSeconds(10);

	private static final String CHAT = BASE + "chat/lobby";

	@LocalServerPort
	int port;

	@Autowired
	WampServer server;

	@Autowired
	WampTemplate template;

	@Autowired
	Connections connections;

	@Autowired
	EventRecorder events;

	@Autowired
	MeterRegistry meters;

	private final List<WampClient> clients = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeClients() {
		Flux.fromIterable(this.clients).flatMap(WampClient::close).then().block(T);
	}

	// --- handshake
	// -------------------------------------------------------------------------

	@Test
	void welcomesWithASessionIdAndTheServerIdentAndEchoesTheSubprotocol() {
		RawClient raw = RawClient.connect(uri());
		assertThat(raw.subprotocol()).isEqualTo("wamp");
		assertThat(raw.next()).matches("\\[0,\"[A-Za-z0-9_-]{22,}\",1,\"websocket-server/0\\.1\"\\]");
		raw.close();
		WampClient client = connect();
		assertThat(client.serverIdent()).isEqualTo("websocket-server/0.1");
		assertThat(this.connections.find(client.sessionId())).isPresent();
	}

	@Test
	void fillsTheReservedAttributesFromTheHandshake() {
		WampClient client = track(WampClient.builder(uri())
			.header("Cookie", "flavour=vanilla")
			.header("X-Test", "yes")
			.connect()
			.block(T));
		JsonNode attributes = client.call(BASE + "attributes").block(T);
		assertThat(attributes.get("cookies").get("flavour").asString()).isEqualTo("vanilla");
		assertThat(attributes.get("testHeader").asString()).isEqualTo("yes");
		// the client has no WebSession: none is kept for it
		assertThat(attributes.get("webSession").asBoolean()).isFalse();
		assertThat(attributes.get("remoteAddress").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
		assertThat(attributes.get("path").asString()).isEqualTo("/ws");
		assertThat(attributes.get("subprotocols").get(0).asString()).isEqualTo("wamp");
		assertThat(attributes.get("sessionIdAttribute").asString()).isNotEmpty();
	}

	@Test
	void exposesTheWebSessionTheHandshakeCarries() throws Exception {
		String cookie = TestApplication.startSession(this.port);
		WampClient client = track(WampClient.builder(uri()).header("Cookie", cookie).connect().block(T));
		JsonNode attributes = client.call(BASE + "attributes").block(T);
		assertThat(attributes.get("webSession").asBoolean()).isTrue();
	}

	@Test
	void showsTheHandshakeHeadersAsTheClientSentThem() {
		// the upgrade narrows Netty's Sec-WebSocket-Protocol to the one selected; the
		// request the application reads is a view of Netty's headers that keeps the offer
		RawClient raw = RawClient.connect(uri(), Map.of("X-Test", "yes"), List.of("wamp.2.msgpack", "wamp"), true);
		assertThat(raw.subprotocol()).isEqualTo("wamp");
		raw.nextStartingWith("[0,");
		raw.send("[2,\"c1\",\"" + BASE + "attributes\"]");
		JsonNode attributes = JsonMapper.builder().build().readTree(raw.nextStartingWith("[3,")).get(2);
		raw.close();
		assertThat(attributes.get("protocolHeader").asString()).isEqualTo("wamp.2.msgpack, wamp");
		assertThat(attributes.get("testHeader").asString()).isEqualTo("yes");
		List<String> names = new ArrayList<>();
		attributes.get("headerNames").forEach((name) -> names.add(name.asString()));
		assertThat(names).contains("host", "upgrade", "sec-websocket-key", "sec-websocket-protocol", "x-test")
			.allMatch((name) -> name.equals(name.toLowerCase(java.util.Locale.ROOT)));
	}

	@Test
	void refusesAForeignOriginWith403() {
		assertThatExceptionOfType(WampHandshakeException.class)
			.isThrownBy(() -> WampClient.builder(uri()).header("Origin", "https://evil.example").connect().block(T))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(403));
		WampHandshakeRejectedEvent event = this.events.await(WampHandshakeRejectedEvent.class,
				(e) -> "https://evil.example".equals(e.getRequest().header("origin")));
		assertThat(event.getReason()).isEqualTo(HandshakeRejectedException.Reason.ORIGIN);
		assertThat(event.getStatus()).isEqualTo(403);
	}

	@Test
	void allowsTheSameOriginAListedOriginAndNoOrigin() {
		track(WampClient.builder(uri()).header("Origin", "http://localhost:" + this.port).connect().block(T));
		track(WampClient.builder(uri()).header("Origin", "https://allowed.example").connect().block(T));
		track(WampClient.builder(uri()).connect().block(T));
		assertThat(this.clients).hasSize(3).allSatisfy((client) -> assertThat(client.sessionId()).isNotEmpty());
	}

	@Test
	void refusesAHandshakeWithoutTheWampSubprotocol() {
		assertThat(RawClient.refusedStatus(uri(), Map.of(), List.of())).isEqualTo(400);
		assertThat(RawClient.refusedStatus(uri(), Map.of(), List.of("mqtt"))).isEqualTo(400);
	}

	@Test
	void answersAPlainHttpRequestToTheEndpointWithAnError() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/ws")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void givesTheConnectionTheHandshakesPrincipal() {
		String basic = Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
		WampClient alice = track(
				WampClient.builder(uri()).header("Authorization", "Basic " + basic).connect().block(T));
		assertThat(alice.call(BASE + "whoami").block(T).asString()).isEqualTo("alice");
		assertThat(this.connections.findByUser("alice")).extracting((c) -> c.sessionId()).contains(alice.sessionId());
		assertThat(connect().call(BASE + "whoami").block(T).isNull()).isTrue();
	}

	// --- calls
	// -----------------------------------------------------------------------------

	@Test
	void answersACallWithItsResult() {
		assertThat(connect().call(BASE + "calc#sum", 1, 2, 3).block(T).asLong()).isEqualTo(6);
	}

	@Test
	void acceptsTheArgumentListAsOneArrayArgument() {
		assertThat(connect().call(BASE + "calc#sum", List.of(4, 5, 6)).block(T).asLong()).isEqualTo(15);
	}

	@Test
	void expandsACurieWithTheConnectionsPrefix() {
		WampClient client = connect();
		client.prefix("calc", BASE + "calc#").block(T);
		assertThat(client.call("calc:sum", 2, 3).block(T).asLong()).isEqualTo(5);
	}

	@Test
	void passesUriVariablesAndAwaitsAnAsynchronousResult() {
		assertThat(connect().call(BASE + "async/bob").block(T).asString()).isEqualTo("hello bob");
	}

	@Test
	void answersAnUnknownProcedureWithNoSuchRpcEndpoint() {
		assertThatExceptionOfType(WampCallException.class).isThrownBy(() -> connect().call(BASE + "nowhere").block(T))
			.satisfies((ex) -> {
				assertThat(ex.errorUri()).isEqualTo("http://api.wamp.ws/error#NoSuchRPCEndpoint");
				assertThat(ex.details().get("code").asInt()).isEqualTo(404);
				assertThat(ex.details().get("uri").asString()).isEqualTo(BASE + "nowhere");
			});
	}

	@Test
	void answersAnApplicationErrorWithItsUriDescriptionAndDetails() {
		assertThatExceptionOfType(WampCallException.class).isThrownBy(() -> connect().call(BASE + "fail/app").block(T))
			.satisfies((ex) -> {
				assertThat(ex.errorUri()).isEqualTo(BASE + "error#app");
				assertThat(ex.description()).isEqualTo("Application failure");
				assertThat(ex.details().get("reason").asString()).isEqualTo("test");
			});
	}

	@Test
	void answersAnUnexpectedFailureWithAGenericErrorThatLeaksNothing() {
		WampClient client = connect();
		assertThatExceptionOfType(WampCallException.class).isThrownBy(() -> client.call(BASE + "fail/bug").block(T))
			.satisfies((ex) -> {
				assertThat(ex.errorUri()).isEqualTo("http://api.wamp.ws/error#InternalError");
				assertThat(ex.description()).doesNotContain("secret").doesNotContain("IllegalState");
				assertThat(String.valueOf(ex.details())).doesNotContain("secret");
			});
		assertThat(this.events.awaitFor(WampErrorEvent.class, client.sessionId()).getError())
			.hasMessage("secret internal detail");
	}

	// --- publish and subscribe
	// ------------------------------------------------------------------

	@Test
	void deliversAPublicationToThePublisherByDefault() {
		WampClient a = connect();
		WampClient b = connect();
		BlockingQueue<JsonNode> toA = subscribe(a, CHAT);
		BlockingQueue<JsonNode> toB = subscribe(b, CHAT);
		a.publish(CHAT, "hi").block(T);
		assertThat(take(toA).asString()).isEqualTo("hi");
		assertThat(take(toB).asString()).isEqualTo("hi");
	}

	@Test
	void skipsThePublisherWithExcludeMe() {
		WampClient a = connect();
		WampClient b = connect();
		BlockingQueue<JsonNode> toA = subscribe(a, CHAT);
		BlockingQueue<JsonNode> toB = subscribe(b, CHAT);
		a.publish(CHAT, "first", true).block(T);
		a.publish(CHAT, "marker", false).block(T);
		assertThat(take(toB).asString()).isEqualTo("first");
		// events of one publisher arrive in order: had "first" reached A, it would come
		// before the marker
		assertThat(take(toA).asString()).isEqualTo("marker");
	}

	@Test
	void skipsTheExcludedSessions() {
		WampClient a = connect();
		WampClient b = connect();
		BlockingQueue<JsonNode> toA = subscribe(a, CHAT);
		BlockingQueue<JsonNode> toB = subscribe(b, CHAT);
		a.publish(CHAT, "not for b", List.of(b.sessionId())).block(T);
		a.publish(CHAT, "marker").block(T);
		assertThat(take(toA).asString()).isEqualTo("not for b");
		assertThat(take(toB).asString()).isEqualTo("marker");
	}

	@Test
	void deliversOnlyToEligibleSessions() {
		WampClient a = connect();
		WampClient b = connect();
		WampClient c = connect();
		BlockingQueue<JsonNode> toA = subscribe(a, CHAT);
		BlockingQueue<JsonNode> toB = subscribe(b, CHAT);
		BlockingQueue<JsonNode> toC = subscribe(c, CHAT);
		a.publish(CHAT, "for b", List.of(), List.of(b.sessionId())).block(T);
		a.publish(CHAT, "marker").block(T);
		assertThat(take(toB).asString()).isEqualTo("for b");
		assertThat(take(toA).asString()).isEqualTo("marker");
		assertThat(take(toC).asString()).isEqualTo("marker");
	}

	@Test
	void letsTheTopicHandlerTransformAPublication() {
		WampClient a = connect();
		BlockingQueue<JsonNode> toA = subscribe(a, BASE + "shout");
		a.publish(BASE + "shout", "hey").block(T);
		assertThat(take(toA).get("shouted").asString()).contains("hey");
	}

	@Test
	void ignoresASubscriptionToAnUnknownTopic() {
		WampClient a = connect();
		a.subscribe(BASE + "nowhere", (event) -> {
		}).block(T);
		WampMessageIgnoredEvent ignored = this.events.awaitFor(WampMessageIgnoredEvent.class, a.sessionId());
		assertThat(ignored.getReason()).isEqualTo(IgnoredReason.NO_SUCH_TOPIC);
		assertThat(this.server.topic(BASE + "nowhere")).isEmpty();
		assertThat(a.call(BASE + "calc#sum", 1).block(T).asLong()).isEqualTo(1);
	}

	@Test
	void ignoresASubscriptionTheTopicRefuses() {
		WampClient a = connect();
		a.subscribe(BASE + "guarded", (event) -> {
		}).block(T);
		assertThat(this.events.awaitFor(WampMessageIgnoredEvent.class, a.sessionId()).getReason())
			.isEqualTo(IgnoredReason.REFUSED);
		assertThat(this.server.topic(BASE + "guarded")).isEmpty();
	}

	@Test
	void deliversOnceAfterADoubleSubscribe() {
		String topic = BASE + "chat/double";
		WampClient a = connect();
		BlockingQueue<JsonNode> toA = subscribe(a, topic);
		a.sendRaw("[5,\"" + topic + "\"]").block(T);
		a.call(BASE + "calc#sum").block(T); // the second SUBSCRIBE was handled before
											// this answer
		this.template.publish(topic, "once").block(T);
		this.template.publish(topic, "marker").block(T);
		assertThat(take(toA).asString()).isEqualTo("once");
		assertThat(take(toA).asString()).isEqualTo("marker");
		assertThat(this.server.topic(topic)).hasValueSatisfying((t) -> assertThat(t.size()).isEqualTo(1));
	}

	@Test
	void removesEverySubscriptionWhenAClientDisconnects() {
		String topic = BASE + "chat/cleanup";
		WampClient a = connect();
		subscribe(a, topic);
		String sessionId = a.sessionId();
		a.abort();
		await().atMost(T).until(() -> this.server.topic(topic).isEmpty() && this.connections.find(sessionId).isEmpty());
		assertThat(this.events.awaitFor(WampUnsubscribedEvent.class, sessionId).getTopicUri()).isEqualTo(topic);
		assertThat(this.events.awaitFor(WampConnectionClosedEvent.class, sessionId).getCode()).isEqualTo(1006);
	}

	// --- server push
	// ------------------------------------------------------------------------

	@Test
	void pushesToGivenSessionsOnly() {
		String topic = BASE + "chat/push";
		WampClient a = connect();
		WampClient b = connect();
		BlockingQueue<JsonNode> toA = subscribe(a, topic);
		BlockingQueue<JsonNode> toB = subscribe(b, topic);
		this.template.publishToSessions(topic, "for a", List.of(a.sessionId())).block(T);
		this.template.publish(topic, "marker", Set.of(a.sessionId()), null).block(T);
		assertThat(take(toA).asString()).isEqualTo("for a");
		assertThat(take(toB).asString()).isEqualTo("marker");
	}

	@Test
	void pushesToEverySessionOfAUser() {
		String topic = BASE + "chat/user";
		WampClient alice = track(WampClient.builder(uri()).header("Authorization", basic("alice")).connect().block(T));
		WampClient bob = track(WampClient.builder(uri()).header("Authorization", basic("bob")).connect().block(T));
		BlockingQueue<JsonNode> toAlice = subscribe(alice, topic);
		BlockingQueue<JsonNode> toBob = subscribe(bob, topic);
		this.template.publishToUser("alice", topic, "for alice").block(T);
		this.template.publishToUser("bob", topic, "for bob").block(T);
		assertThat(take(toAlice).asString()).isEqualTo("for alice");
		assertThat(take(toBob).asString()).isEqualTo("for bob");
	}

	// --- bad input and limits
	// ---------------------------------------------------------------

	@Test
	void closesWith1009ForAFrameOverTheLimit() {
		RawClient raw = RawClient.connect(uri());
		raw.next();
		raw.send("[2,\"c\",\"" + BASE + "calc#echo\",\"" + "x".repeat(70 * 1024) + "\"]");
		assertThat(raw.awaitClose().code()).isEqualTo(1009);
	}

	@Test
	void closesWith1009ForAFragmentedMessageOverTheLimit() {
		RawClient raw = RawClient.connect(uri());
		raw.next();
		raw.sendFragments("[2,\"c\",\"" + BASE + "calc#echo\",\"" + "x".repeat(40 * 1024),
				"y".repeat(40 * 1024) + "\"]");
		assertThat(raw.awaitClose().code()).isEqualTo(1009);
	}

	@Test
	void acceptsAFragmentedMessageWithinTheLimit() {
		RawClient raw = RawClient.connect(uri());
		raw.next();
		raw.sendFragments("[2,\"c\",\"" + BASE + "calc#sum\",", "1,2]");
		assertThat(raw.next()).isEqualTo("[3,\"c\",3]");
		raw.close();
	}

	@Test
	void closesWith1007ForMalformedInputWhileOthersKeepWorking() {
		WampClient other = connect();
		RawClient raw = RawClient.connect(uri());
		raw.next();
		raw.send("this is not json");
		CloseStatus status = raw.awaitClose();
		assertThat(status.code()).isEqualTo(1007);
		assertThat(status.reason()).isNotEmpty();
		assertThat(other.call(BASE + "calc#sum", 1, 1).block(T).asLong()).isEqualTo(2);
	}

	@Test
	void closesWith1003ForABinaryMessage() {
		RawClient raw = RawClient.connect(uri());
		raw.next();
		raw.sendBinary(new byte[] { 1, 2, 3 });
		assertThat(raw.awaitClose().code()).isEqualTo(1003);
	}

	@Test
	void closesASlowConsumerWhileOtherSubscribersReceiveEverything() {
		String topic = BASE + "chat/firehose";
		StalledClient slow = StalledClient.connect(uri(), "[5,\"" + topic + "\"]");
		String slowSession = sessionIdOf(slow.welcome());
		WampClient fast = connect();
		AtomicInteger received = new AtomicInteger();
		fast.subscribe(topic, (event) -> received.incrementAndGet()).block(T);
		await().atMost(T).until(() -> this.server.topic(topic).map((t) -> t.size() == 2).orElse(false));
		String payload = "p".repeat(16 * 1024);
		int published = 0;
		// paced in batches, so the reading subscriber never has more than a batch queued:
		// 16 events of 16 KiB, half the outbound bound of 512 KB (frames now wait in that
		// bounded queue while the socket is not writable, instead of in Netty's unbounded
		// buffer, so a batch as large as the bound could overflow a reader that lags)
		while (this.connections.find(slowSession).isPresent() && published < 4_000) {
			for (int i = 0; i < 16; i++) {
				this.template.publish(topic, payload).block(T);
			}
			published += 16;
			int expected = published;
			// a liveness deadline, not a speed bound: under paranoid leak detection on a
			// loaded machine a batch of 32 16 KiB events can take more than T to arrive
			await().atMost(T.multipliedBy(4)).until(() -> received.get() == expected);
		}
		assertThat(this.connections.find(slowSession)).isEmpty();
		assertThat(this.events.awaitFor(WampConnectionClosedEvent.class, slowSession).getCode()).isEqualTo(1008);
		assertThat(this.meters.get("wamp.outbound.overflows").tag("policy", "CLOSE").counter().count()).isPositive();
		assertThat(this.connections.find(fast.sessionId())).isPresent();
		this.template.publish(topic, "after").block(T);
		int expected = published + 1;
		await().atMost(T).until(() -> received.get() == expected);
		slow.dispose();
	}

	@Test
	void broadcastsToAThousandConcurrentConnections() {
		String topic = BASE + "chat/crowd";
		int n = 1000;
		AtomicInteger received = new AtomicInteger();
		List<WampClient> crowd = Flux.range(0, n)
			.flatMap((i) -> WampClient.builder(uri()).connect(), 32)
			.flatMap((client) -> client.subscribe(topic, (event) -> received.incrementAndGet()).thenReturn(client), 32)
			.collectList()
			.block(Duration.ofSeconds(120));
		try {
			assertThat(crowd).hasSize(n);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.server.topic(topic).map((t) -> t.size() == n).orElse(false));
			this.template.publish(topic, "to everyone").block(T);
			await().atMost(Duration.ofSeconds(30)).until(() -> received.get() == n);
		}
		finally {
			Flux.fromIterable(crowd).flatMap(WampClient::close, 64).then().block(Duration.ofSeconds(60));
		}
	}

	// --- events, metrics, health
	// ------------------------------------------------------------

	@Test
	void publishesConnectionAndSubscriptionEvents() {
		WampClient a = connect();
		String sessionId = a.sessionId();
		assertThat(this.events.awaitFor(WampConnectionOpenedEvent.class, sessionId)).isNotNull();
		subscribe(a, BASE + "chat/events");
		assertThat(this.events.awaitFor(WampSubscribedEvent.class, sessionId).getTopicUri())
			.isEqualTo(BASE + "chat/events");
		a.unsubscribe(BASE + "chat/events").block(T);
		assertThat(this.events.awaitFor(WampUnsubscribedEvent.class, sessionId).getTopicUri())
			.isEqualTo(BASE + "chat/events");
		a.close().block(T);
		WampConnectionClosedEvent closed = this.events.awaitFor(WampConnectionClosedEvent.class, sessionId);
		assertThat(closed.getCode()).isEqualTo(1000);
	}

	@Test
	void recordsMetrics() {
		WampClient a = connect();
		a.call(BASE + "calc#sum", 1).block(T);
		assertThatExceptionOfType(WampCallException.class).isThrownBy(() -> a.call(BASE + "nowhere").block(T));
		assertThat(this.meters.get("wamp.calls")
			.tags("procedure", BASE + "calc#sum", "outcome", "SUCCESS")
			.timer()
			.count()).isPositive();
		assertThat(this.meters.get("wamp.calls").tags("outcome", "NO_SUCH_PROCEDURE").timer().count()).isPositive();
		assertThat(this.meters.get("wamp.messages.in").tag("type", "CALL").counter().count()).isGreaterThanOrEqualTo(2);
		assertThat(this.meters.get("wamp.messages.out").tag("type", "WELCOME").counter().count()).isPositive();
		assertThat(this.meters.get("wamp.connections").gauge().value()).isPositive();
		a.subscribe(BASE + "metrics/nowhere", (event) -> {
		}).block(T);
		await().atMost(T)
			.until(() -> this.meters.get("wamp.messages.ignored").tag("reason", "NO_SUCH_TOPIC").counter().count() > 0);
		assertThatExceptionOfType(WampHandshakeException.class)
			.isThrownBy(() -> WampClient.builder(uri()).header("Origin", "https://other.example").connect().block(T));
		await().atMost(T)
			.until(() -> this.meters.get("wamp.handshakes.rejected").tag("reason", "ORIGIN").counter().count() > 0);
	}

	@Test
	void reportsHealthWithTheBroker() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health/wamp")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"").contains("InMemoryBroker").contains("connections");
	}

	// --- helpers
	// ---------------------------------------------------------------------------

	private URI uri() {
		return URI.create("ws://localhost:" + this.port + "/ws");
	}

	private WampClient connect() {
		return track(WampClient.builder(uri()).connect().block(T));
	}

	private WampClient track(WampClient client) {
		this.clients.add(client);
		return client;
	}

	private BlockingQueue<JsonNode> subscribe(WampClient client, String topic) {
		BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
		client.subscribe(topic, events::add).block(T);
		// a CALL answered after the SUBSCRIBE proves the server handled it (one
		// connection, in order)
		client.call(BASE + "calc#sum").block(T);
		return events;
	}

	private static JsonNode take(BlockingQueue<JsonNode> events) {
		try {
			JsonNode event = events.poll(T.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(event).as("an event within " + T).isNotNull();
			return event;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8));
	}

	static String sessionIdOf(String welcome) {
		int start = welcome.indexOf('"') + 1;
		return welcome.substring(start, welcome.indexOf('"', start));
	}

}
