package dev.websocket.server.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.engine.WampServerSettings;
import dev.websocket.server.middleware.BlockedAddressMiddleware;
import dev.websocket.server.middleware.SubprotocolMiddleware;
import dev.websocket.server.testing.NettyTestServer;
import dev.websocket.server.wamp.WampException;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WampClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<AutoCloseable> resources = new java.util.ArrayList<>();

	private WampServer server;

	private NettyTestServer netty;

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

	private NettyTestServer start(WampServer.Builder builder) {
		server = builder
			.rpc("sample/sum", (invocation) -> invocation.spreadArguments().stream().mapToInt(JsonNode::asInt).sum())
			.rpc("sample/sync", (invocation) -> null)
			.rpc("sample/fail", (invocation) -> {
				throw new WampException("http://example.com/error#oops", "Oops", Map.of("code", 42));
			})
			.rpc("sample/failPlain", (invocation) -> {
				throw new WampException("http://example.com/error#plain", "Plain");
			})
			.rpc("sample/never", (invocation) -> Mono.never())
			.topic("chat/{room}", new TopicHandler() {
			})
			.topic("http://example.com/chat/{room}", new TopicHandler() {
			})
			.build();
		netty = NettyTestServer.start(server);
		return netty;
	}

	@Test
	void typedCallConvertsTheResult() {
		start();
		WampClient client = connect();
		StepVerifier.create(client.call("sample/sum", Integer.class, 2, 3))
			.expectNext(5)
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(client.call("sample/sum", String.class, 2, 3))
			.expectNext("5")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void typedCallOfANullResultIsEmpty() {
		start();
		StepVerifier.create(connect().call("sample/sync", Integer.class)).expectComplete().verify(TIMEOUT);
	}

	@Test
	void nullFirstArgumentStaysAnArgument() {
		start();
		StepVerifier.create(connect().call("sample/sum", null, 2, 3))
			.expectNextMatches((result) -> result.toString().equals("5"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void typedCallSignalsTheCallError() {
		start();
		StepVerifier.create(connect().call("sample/fail", Integer.class))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(WampCallException.class,
					(error) -> assertThat(error.errorUri()).isEqualTo("http://example.com/error#oops")))
			.verify(TIMEOUT);
	}

	private NettyTestServer start() {
		return start(WampServer.builder());
	}

	private WampClient connect() {
		WampClient client = WampClient.connect(netty.uri()).block(TIMEOUT);
		assertThat(client).isNotNull();
		resources.add(() -> client.close().block(TIMEOUT));
		return client;
	}

	/** Waits until the server has handled everything the client sent before. */
	private static void sync(WampClient client) {
		client.call("sample/sync").block(TIMEOUT);
	}

	private static BlockingQueue<JsonNode> subscribe(WampClient client, String topic) {
		BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
		client.subscribe(topic, events::add).block(TIMEOUT);
		sync(client);
		return events;
	}

	private static JsonNode next(BlockingQueue<JsonNode> events) throws InterruptedException {
		JsonNode event = events.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(event).as("event within %s", TIMEOUT).isNotNull();
		return event;
	}

	@Test
	void connectCompletesAfterWelcomeWithSessionId() {
		start();
		WampClient client = connect();
		assertThat(client.sessionId()).isNotBlank();
		assertThat(client.serverIdent()).isEqualTo(WampServerSettings.DEFAULT_IDENT);
		assertThat(server.connections().count()).isEqualTo(1);
	}

	@Test
	void serverSelectsTheWampSubprotocol() {
		start();
		assertThat(connect().subprotocol()).isEqualTo("wamp");
	}

	@Test
	void everyConnectionGetsItsOwnSessionId() {
		start();
		assertThat(connect().sessionId()).isNotEqualTo(connect().sessionId());
	}

	@Test
	void callCompletesWithTheResult() {
		start();
		StepVerifier.create(connect().call("sample/sum", 1, 2, 3))
			.assertNext((result) -> assertThat(result.asInt()).isEqualTo(6))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void callWithNullResultCompletesWithNullNode() {
		start();
		StepVerifier.create(connect().call("sample/sync"))
			.assertNext((result) -> assertThat(result.isNull()).isTrue())
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void concurrentCallsEachGetTheirOwnAnswer() {
		start();
		WampClient client = connect();
		List<Integer> sums = reactor.core.publisher.Flux.range(0, 50)
			.flatMap((i) -> client.call("sample/sum", i, 1000).map(JsonNode::asInt))
			.collectList()
			.block(TIMEOUT);
		assertThat(sums).hasSize(50)
			.containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(1000, 1050).boxed().toList());
	}

	@Test
	void callErrorSurfacesAsWampCallExceptionWithDetails() {
		start();
		StepVerifier.create(connect().call("sample/fail")).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(WampCallException.class);
			WampCallException error = (WampCallException) ex;
			assertThat(error.errorUri()).isEqualTo("http://example.com/error#oops");
			assertThat(error.description()).isEqualTo("Oops");
			assertThat(error.details()).isNotNull();
			assertThat(error.details().get("code").asInt()).isEqualTo(42);
		}).verify(TIMEOUT);
	}

	@Test
	void callErrorWithoutDetailsHasNullDetails() {
		start();
		StepVerifier.create(connect().call("sample/failPlain")).expectErrorSatisfies((ex) -> {
			WampCallException error = (WampCallException) ex;
			assertThat(error.errorUri()).isEqualTo("http://example.com/error#plain");
			assertThat(error.details()).isNull();
		}).verify(TIMEOUT);
	}

	@Test
	void callToUnknownProcedureFailsWithNoSuchRpcEndpoint() {
		start();
		StepVerifier.create(connect().call("sample/missing"))
			.expectErrorSatisfies((ex) -> assertThat(((WampCallException) ex).errorUri())
				.isEqualTo("http://api.wamp.ws/error#NoSuchRPCEndpoint"))
			.verify(TIMEOUT);
	}

	@Test
	void publishIsDeliveredToSubscribers() throws Exception {
		start();
		WampClient alice = connect();
		WampClient bob = connect();
		BlockingQueue<JsonNode> bobEvents = subscribe(bob, "chat/lobby");
		alice.publish("chat/lobby", Map.of("msg", "hello")).block(TIMEOUT);
		assertThat(next(bobEvents).get("msg").asString()).isEqualTo("hello");
	}

	@Test
	void publisherIsIncludedByDefault() throws Exception {
		start();
		WampClient alice = connect();
		BlockingQueue<JsonNode> events = subscribe(alice, "chat/lobby");
		alice.publish("chat/lobby", "mine").block(TIMEOUT);
		assertThat(next(events).asString()).isEqualTo("mine");
	}

	@Test
	void sendsChainedOnEachOtherArriveInOrder() throws Exception {
		start();
		WampClient alice = connect();
		WampClient bob = connect();
		BlockingQueue<JsonNode> bobEvents = subscribe(bob, "chat/lobby");
		reactor.core.publisher.Flux.range(0, 200)
			.concatMap((i) -> alice.publish("chat/lobby", i))
			.then()
			.block(TIMEOUT);
		for (int i = 0; i < 200; i++) {
			assertThat(next(bobEvents).asInt()).isEqualTo(i);
		}
	}

	@Test
	void concurrentSendsFromManyThreadsAllArrive() throws Exception {
		start();
		WampClient alice = connect();
		WampClient bob = connect();
		BlockingQueue<JsonNode> bobEvents = subscribe(bob, "chat/lobby");
		reactor.core.publisher.Flux.range(0, 200)
			.parallel(4)
			.runOn(reactor.core.scheduler.Schedulers.parallel())
			.flatMap((i) -> alice.publish("chat/lobby", i))
			.then()
			.block(TIMEOUT);
		java.util.Set<Integer> received = new java.util.HashSet<>();
		for (int i = 0; i < 200; i++) {
			received.add(next(bobEvents).asInt());
		}
		assertThat(received).hasSize(200);
	}

	@Test
	void excludeMeSkipsThePublisher() throws Exception {
		start();
		WampClient alice = connect();
		WampClient bob = connect();
		BlockingQueue<JsonNode> aliceEvents = subscribe(alice, "chat/lobby");
		BlockingQueue<JsonNode> bobEvents = subscribe(bob, "chat/lobby");
		alice.publish("chat/lobby", "first", true).block(TIMEOUT);
		alice.publish("chat/lobby", "second", false).block(TIMEOUT);
		assertThat(next(bobEvents).asString()).isEqualTo("first");
		assertThat(next(bobEvents).asString()).isEqualTo("second");
		// Events of one publisher arrive in order: had "first" reached alice, it would
		// come first.
		assertThat(next(aliceEvents).asString()).isEqualTo("second");
	}

	@Test
	void excludeListSkipsTheListedSessions() throws Exception {
		start();
		WampClient alice = connect();
		WampClient bob = connect();
		BlockingQueue<JsonNode> aliceEvents = subscribe(alice, "chat/lobby");
		BlockingQueue<JsonNode> bobEvents = subscribe(bob, "chat/lobby");
		alice.publish("chat/lobby", "first", List.of(bob.sessionId())).block(TIMEOUT);
		alice.publish("chat/lobby", "second").block(TIMEOUT);
		assertThat(next(aliceEvents).asString()).isEqualTo("first");
		assertThat(next(bobEvents).asString()).isEqualTo("second");
	}

	@Test
	void eligibleListLimitsDelivery() throws Exception {
		start();
		WampClient alice = connect();
		WampClient bob = connect();
		BlockingQueue<JsonNode> aliceEvents = subscribe(alice, "chat/lobby");
		BlockingQueue<JsonNode> bobEvents = subscribe(bob, "chat/lobby");
		alice.publish("chat/lobby", "first", List.of(), List.of(bob.sessionId())).block(TIMEOUT);
		alice.publish("chat/lobby", "second").block(TIMEOUT);
		assertThat(next(bobEvents).asString()).isEqualTo("first");
		assertThat(next(aliceEvents).asString()).isEqualTo("second");
	}

	@Test
	void unsubscribeStopsDelivery() throws Exception {
		start();
		WampClient alice = connect();
		WampClient bob = connect();
		BlockingQueue<JsonNode> aliceEvents = subscribe(alice, "chat/lobby");
		BlockingQueue<JsonNode> bobEvents = subscribe(bob, "chat/lobby");
		bob.unsubscribe("chat/lobby").block(TIMEOUT);
		sync(bob);
		alice.publish("chat/lobby", "after").block(TIMEOUT);
		assertThat(next(aliceEvents).asString()).isEqualTo("after");
		// Bob resubscribes: the first event he sees must be the next one, not "after".
		BlockingQueue<JsonNode> again = subscribe(bob, "chat/lobby");
		alice.publish("chat/lobby", "later").block(TIMEOUT);
		assertThat(next(again).asString()).isEqualTo("later");
		assertThat(bobEvents).isEmpty();
	}

	@Test
	void prefixedTopicsMatchEventsWithTheFullUri() throws Exception {
		start();
		WampClient alice = connect();
		WampClient bob = connect();
		bob.prefix("chat", "http://example.com/chat/").block(TIMEOUT);
		BlockingQueue<JsonNode> bobEvents = subscribe(bob, "chat:lobby");
		alice.publish("http://example.com/chat/lobby", "hi").block(TIMEOUT);
		assertThat(next(bobEvents).asString()).isEqualTo("hi");
	}

	@Test
	void prefixedTopicWithSlashesAfterTheColonIsExpandedAsTheServerDoes() throws Exception {
		start(WampServer.builder().topic("any/{rest:.+}", new TopicHandler() {
		}));
		WampClient alice = connect();
		WampClient bob = connect();
		// Only http:// and https:// are exempt from expansion; "room://lobby" is a CURIE.
		bob.prefix("room", "any/").block(TIMEOUT);
		BlockingQueue<JsonNode> bobEvents = subscribe(bob, "room://lobby");
		alice.publish("any///lobby", "hi").block(TIMEOUT);
		assertThat(next(bobEvents).asString()).isEqualTo("hi");
	}

	@Test
	void prefixedCallIsExpandedByTheServer() {
		start();
		WampClient client = connect();
		client.prefix("sample", "sample/").block(TIMEOUT);
		assertThat(client.call("sample:sum", 2, 2).block(TIMEOUT).asInt()).isEqualTo(4);
	}

	@Test
	void eventsFluxReceivesEvents() {
		start();
		WampClient alice = connect();
		WampClient bob = connect();
		StepVerifier.create(bob.events("chat/lobby").map(JsonNode::asString))
			.then(() -> sync(bob))
			.then(() -> alice.publish("chat/lobby", "one").block(TIMEOUT))
			.expectNext("one")
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void handshakeWithoutWampIsRefusedWithItsStatus() {
		start(WampServer.builder().middleware(new SubprotocolMiddleware(true)));
		StepVerifier.create(WampClient.builder(netty.uri()).subprotocols().connect()).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(WampHandshakeException.class);
			assertThat(((WampHandshakeException) ex).status()).isEqualTo(400);
		}).verify(TIMEOUT);
	}

	@Test
	void handshakeOfferingWampIsAcceptedByTheStrictLayer() {
		start(WampServer.builder().middleware(new SubprotocolMiddleware(true)));
		assertThat(connect().sessionId()).isNotBlank();
	}

	@Test
	void blockedAddressIsRefusedWith403() {
		start(WampServer.builder().middleware(new BlockedAddressMiddleware(List.of("127.0.0.0/8"), List.of())));
		StepVerifier.create(WampClient.connect(netty.uri()))
			.expectErrorSatisfies((ex) -> assertThat(((WampHandshakeException) ex).status()).isEqualTo(403))
			.verify(TIMEOUT);
		assertThat(server.connections().count()).isZero();
	}

	@Test
	void malformedMessageClosesWith1007() {
		start();
		WampClient client = connect();
		client.sendRaw("not json").block(TIMEOUT);
		StepVerifier.create(client.closed()).assertNext((status) -> {
			assertThat(status.code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
			assertThat(status.reason()).isEqualTo("not JSON");
		}).expectComplete().verify(TIMEOUT);
	}

	@Test
	void binaryFrameClosesWith1003() {
		start();
		WampClient client = connect();
		client.sendBinary(new byte[] { 1, 2, 3 }).block(TIMEOUT);
		StepVerifier.create(client.closed().map(CloseStatus::code))
			.expectNext(CloseCodes.UNSUPPORTED_DATA)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void pendingCallsFailWhenTheConnectionCloses() {
		start();
		WampClient client = connect();
		Mono<JsonNode> pending = client.call("sample/never").cache();
		pending.subscribe(null, (ex) -> {
		});
		sync(client);
		client.sendRaw("[]").block(TIMEOUT);
		StepVerifier.create(pending).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(WampConnectionClosedException.class);
			assertThat(((WampConnectionClosedException) ex).closeStatus().code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
		}).verify(TIMEOUT);
	}

	@Test
	void closeCompletesWithNormalClosureAndTheServerForgetsTheConnection() {
		start();
		WampClient client = connect();
		client.close().block(TIMEOUT);
		assertThat(client.isClosed()).isTrue();
		assertThat(client.closed().block(TIMEOUT).code()).isEqualTo(CloseCodes.NORMAL);
		org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> server.connections().count() == 0);
	}

	@Test
	void callAfterCloseFails() {
		start();
		WampClient client = connect();
		client.close().block(TIMEOUT);
		assertThatExceptionOfType(WampConnectionClosedException.class)
			.isThrownBy(() -> client.call("sample/sum", 1).block(TIMEOUT));
	}

	@Test
	void serverShutdownClosesClientsWith1001() {
		start();
		WampClient client = connect();
		server.shutdown(Duration.ofSeconds(1)).block(TIMEOUT);
		assertThat(client.closed().block(TIMEOUT).code()).isEqualTo(CloseCodes.GOING_AWAY);
	}

	@Test
	void keepAlivePingsAreAnsweredAutomatically() {
		start(WampServer.builder()
			.settings(WampServerSettings.builder().pingInterval(Duration.ofMillis(100)).maxUnansweredPings(5).build()));
		WampClient client = connect();
		// Unanswered, five pings 100 ms apart would close the connection well within the
		// 1.5 s watched.
		org.awaitility.Awaitility.await().during(Duration.ofMillis(1500)).atMost(TIMEOUT).failFast(() -> {
			if (client.isClosed()) {
				throw new AssertionError("closed with " + client.closed().block(TIMEOUT));
			}
		}).until(() -> !client.isClosed());
		assertThat(client.call("sample/sum", 1, 1).block(TIMEOUT).asInt()).isEqualTo(2);
	}

	@Test
	void largeMessagesRoundTrip() {
		start();
		WampClient alice = connect();
		String big = "x".repeat(40_000);
		StepVerifier.create(alice.events("chat/big").map(JsonNode::asString))
			.then(() -> sync(alice))
			.then(() -> alice.publish("chat/big", big).block(TIMEOUT))
			.expectNext(big)
			.thenCancel()
			.verify(TIMEOUT);
	}

}
