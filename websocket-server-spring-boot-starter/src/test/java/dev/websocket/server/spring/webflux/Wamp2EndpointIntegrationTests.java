package dev.websocket.server.spring.webflux;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.websocket.server.client.WampClient;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.engine.Connections;
import dev.websocket.server.engine.WampServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WAMP v2 (Basic Profile over {@code wamp.2.json}) on the same endpoint, routes and
 * topics as v1, end to end: a real server, a raw v2 client and the core v1 client over
 * real sockets.
 */
// a context of its own: a cached context that Spring paused does not restart its WAMP
// server, so the classes sharing one would meet a server that refuses with 503
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "websocket.server.protocols.v2-json.enabled=true")
class Wamp2EndpointIntegrationTests {

	private static final Duration T = Duration.ofSeconds(10);

	private static final String CHAT = BASE + "chat/v2room";

	@RegisterExtension
	final TestSockets sockets = new TestSockets();

	@Autowired
	WampServer server;

	@Autowired
	Connections connections;

	private void awaitSubscribers(String topic, int count) {
		await().atMost(T).until(() -> this.server.topic(topic).map((t) -> t.size()).orElse(0) == count);
	}

	// ---- negotiation

	@Test
	void clientsFirstChoiceDecidesTheProtocol() {
		RawClient v2First = RawClient.connect(this.sockets.uri(), Map.of(), List.of("wamp.2.json", "wamp"), true);
		RawClient v1First = RawClient.connect(this.sockets.uri(), Map.of(), List.of("wamp", "wamp.2.json"), true);
		try {
			assertThat(v2First.subprotocol()).isEqualTo("wamp.2.json");
			assertThat(v1First.subprotocol()).isEqualTo("wamp");
			assertThat(v1First.next()).startsWith("[0,");
		}
		finally {
			v2First.abort();
			v1First.abort();
		}
	}

	@Test
	void subprotocolsTheServerDoesNotSpeakAreSkipped() {
		RawClient client = RawClient.connect(this.sockets.uri(), Map.of(),
				List.of("mqtt", "wamp.2.msgpack", "wamp.2.json"), true);
		try {
			assertThat(client.subprotocol()).isEqualTo("wamp.2.json");
		}
		finally {
			client.abort();
		}
	}

	@Test
	void aV2SessionWaitsForHelloInsteadOfSendingWelcome() throws InterruptedException {
		RawWamp2Client client = this.sockets.connect();
		assertThat(client.hasMessageWithin(Duration.ofMillis(300))).isFalse();
	}

	// ---- HELLO / WELCOME / ABORT / GOODBYE

	@Test
	void helloIsAnsweredWithWelcomeAnnouncingTheRolesAndFeaturesImplemented() {
		RawWamp2Client client = this.sockets.connect();
		JsonNode welcome = client.welcome();
		long session = welcome.get(1).asLong();
		assertThat(session).isBetween(1L, 1L << 53);
		JsonNode details = welcome.get(2);
		assertThat(details.get("realm").asString()).isEqualTo("realm1");
		assertThat(details.get("authmethod").asString()).isEqualTo("anonymous");
		assertThat(details.get("authrole").asString()).isEqualTo("anonymous");
		JsonNode broker = details.get("roles").get("broker").get("features");
		assertThat(broker.get("publisher_exclusion").asBoolean()).isTrue();
		assertThat(broker.get("subscriber_blackwhite_listing").asBoolean()).isTrue();
		assertThat(broker.get("publisher_identification").asBoolean()).isTrue();
		assertThat(details.get("roles").has("dealer")).isTrue();
		assertThat(this.connections.all())
			.anySatisfy((connection) -> assertThat(connection.v2SessionId()).isEqualTo(session));
	}

	@Test
	void helloToAnUnknownRealmIsAborted() {
		RawWamp2Client client = this.sockets.connect();
		client.send(1, "nowhere", Map.of("roles", Map.of("caller", Map.of())));
		JsonNode abort = client.next();
		assertThat(abort.get(0).asInt()).isEqualTo(3);
		assertThat(abort.get(2).asString()).isEqualTo("wamp.error.no_such_realm");
		assertThat(client.awaitClose().code()).isEqualTo(1000);
	}

	@Test
	void goodbyeIsAnsweredWithGoodbyeAndTheSocketCloses() {
		RawWamp2Client client = this.sockets.join();
		client.send(6, Map.of(), "wamp.close.normal");
		JsonNode goodbye = client.next();
		assertThat(goodbye.get(0).asInt()).isEqualTo(6);
		assertThat(goodbye.get(2).asString()).isEqualTo("wamp.close.goodbye_and_out");
		assertThat(client.awaitClose().code()).isEqualTo(1000);
	}

	@Test
	void closingAnOpenSessionFromTheServerSaysGoodbyeFirst() {
		RawWamp2Client client = this.sockets.join();
		await().atMost(T).until(() -> this.connections.all().stream().anyMatch((c) -> c.v2SessionId() != 0));
		this.connections.all()
			.stream()
			.filter((connection) -> connection.toString().contains("v2"))
			.forEach((connection) -> connection.close(1001, "Going away"));
		JsonNode goodbye = client.next();
		assertThat(goodbye.get(0).asInt()).isEqualTo(6);
		assertThat(goodbye.get(2).asString()).isEqualTo("wamp.close.system_shutdown");
		assertThat(client.awaitClose().code()).isEqualTo(1001);
	}

	// ---- CALL / RESULT / ERROR

	@Test
	void callOfABeanProcedureIsAnsweredWithResult() {
		RawWamp2Client client = this.sockets.join();
		client.send(48, 7, Map.of(), BASE + "calc#sum", List.of(1, 2, 3));
		JsonNode result = client.next();
		assertThat(result.toString()).isEqualTo("[50,7,{},[6]]");
	}

	@Test
	void callOfAnUnknownProcedureIsAnsweredWithNoSuchProcedure() {
		RawWamp2Client client = this.sockets.join();
		client.send(48, 8, Map.of(), BASE + "nothing");
		JsonNode error = client.next();
		assertThat(error.get(0).asInt()).isEqualTo(8);
		assertThat(error.get(1).asInt()).isEqualTo(48);
		assertThat(error.get(2).asLong()).isEqualTo(8);
		assertThat(error.get(4).asString()).isEqualTo("wamp.error.no_such_procedure");
		assertThat(error.get(6).get("uri").asString()).isEqualTo(BASE + "nothing");
	}

	@Test
	void applicationErrorKeepsItsUriWithTheDescriptionAsArgumentAndDetailsAsKeywords() {
		RawWamp2Client client = this.sockets.join();
		client.send(48, 9, Map.of(), BASE + "fail/app");
		JsonNode error = client.next();
		assertThat(error.toString())
			.isEqualTo("[8,48,9,{},\"" + BASE + "error#app\",[\"Application failure\"],{\"reason\":\"test\"}]");
	}

	@Test
	void unexpectedFailureIsARuntimeErrorThatLeaksNothing() {
		RawWamp2Client client = this.sockets.join();
		client.send(48, 10, Map.of(), BASE + "fail/bug");
		JsonNode error = client.next();
		assertThat(error.get(4).asString()).isEqualTo("wamp.error.runtime_error");
		assertThat(error.toString()).doesNotContain("secret");
	}

	// ---- SUBSCRIBE / UNSUBSCRIBE

	@Test
	void subscribeIsAnsweredWithTheSameSubscriptionIdForEverySubscriber() {
		long first = this.sockets.join().subscribe(1, Map.of(), CHAT);
		long second = this.sockets.join().subscribe(1, Map.of(), CHAT);
		assertThat(first).isEqualTo(second).isBetween(1L, 1L << 53);
	}

	@Test
	void subscribeToATopicNoHandlerServesIsAnError() {
		RawWamp2Client client = this.sockets.join();
		client.send(32, 3, Map.of(), BASE + "unknown/topic");
		JsonNode error = client.next();
		assertThat(error.get(1).asInt()).isEqualTo(32);
		assertThat(error.get(4).asString()).isEqualTo("wamp.error.no_such_topic");
	}

	@Test
	void subscribeTheTopicRefusesIsNotAuthorized() {
		RawWamp2Client client = this.sockets.join();
		client.send(32, 4, Map.of(), BASE + "guarded");
		assertThat(client.next().get(4).asString()).isEqualTo("wamp.error.not_authorized");
	}

	@Test
	void unsubscribeEndsTheSubscription() {
		RawWamp2Client client = this.sockets.join();
		long subscription = client.subscribe(1, Map.of(), CHAT);
		client.send(34, 2, subscription);
		assertThat(client.next().toString()).isEqualTo("[35,2]");
		awaitSubscribers(CHAT, 0);
	}

	@Test
	void unsubscribeOfAnUnknownSubscriptionIsNoSuchSubscription() {
		RawWamp2Client client = this.sockets.join();
		client.send(34, 5, 12345);
		JsonNode error = client.next();
		assertThat(error.get(1).asInt()).isEqualTo(34);
		assertThat(error.get(4).asString()).isEqualTo("wamp.error.no_such_subscription");
	}

	// ---- PUBLISH / EVENT, across generations

	@Test
	void v1PublishReachesV2SubscribersAsTheOnlyPositionalArgument() {
		RawWamp2Client subscriber = this.sockets.join();
		long subscription = subscriber.subscribe(1, Map.of(), CHAT);
		this.sockets.v1().publish(CHAT, Map.of("text", "hi")).block(T);
		JsonNode event = subscriber.next(36);
		assertThat(event.get(1).asLong()).isEqualTo(subscription);
		assertThat(event.get(2).asLong()).isBetween(1L, 1L << 53);
		assertThat(event.get(3).toString()).isEqualTo("{}");
		assertThat(event.get(4).toString()).isEqualTo("[{\"text\":\"hi\"}]");
		assertThat(event.size()).isEqualTo(5);
	}

	@Test
	void v2PublishOfOneArgumentReachesV1SubscribersAsThatValue() {
		WampClient v1 = this.sockets.v1();
		BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
		v1.subscribe(CHAT, events::add).block(T);
		awaitSubscribers(CHAT, 1);
		this.sockets.join().send(16, 1, Map.of(), CHAT, List.of("hello"));
		assertThat(poll(events).asString()).isEqualTo("hello");
	}

	@Test
	void v2PublishOfAnyOtherShapeReachesV1SubscribersAsArgsAndKwargs() {
		WampClient v1 = this.sockets.v1();
		BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
		v1.subscribe(CHAT, events::add).block(T);
		awaitSubscribers(CHAT, 1);
		this.sockets.join().send(16, 1, Map.of(), CHAT, List.of(1, 2), Map.of("k", "v"));
		assertThat(poll(events).toString()).isEqualTo("{\"args\":[1,2],\"kwargs\":{\"k\":\"v\"}}");
	}

	@Test
	void v2PublishReachesV2SubscribersAsPublished() {
		RawWamp2Client subscriber = this.sockets.join();
		subscriber.subscribe(1, Map.of(), CHAT);
		this.sockets.join().send(16, 1, Map.of(), CHAT, List.of(1, 2), Map.of("k", "v"));
		JsonNode event = subscriber.next(36);
		assertThat(event.get(4).toString()).isEqualTo("[1,2]");
		assertThat(event.get(5).toString()).isEqualTo("{\"k\":\"v\"}");
	}

	@Test
	void acknowledgedPublishIsAnsweredWithPublishedCarryingTheEventsPublicationId() {
		RawWamp2Client subscriber = this.sockets.join();
		subscriber.subscribe(1, Map.of(), CHAT);
		RawWamp2Client publisher = this.sockets.join();
		publisher.send(16, 21, Map.of("acknowledge", true), CHAT, List.of("x"));
		JsonNode published = publisher.next(17);
		assertThat(published.get(1).asLong()).isEqualTo(21);
		assertThat(subscriber.next(36).get(2).asLong()).isEqualTo(published.get(2).asLong());
	}

	@Test
	void acknowledgedPublishToATopicNoHandlerServesIsAnError() {
		RawWamp2Client publisher = this.sockets.join();
		publisher.send(16, 22, Map.of("acknowledge", true), BASE + "unknown/topic", List.of("x"));
		JsonNode error = publisher.next();
		assertThat(error.get(1).asInt()).isEqualTo(16);
		assertThat(error.get(4).asString()).isEqualTo("wamp.error.no_such_topic");
	}

	@Test
	void v2PublisherIsExcludedByDefault() throws InterruptedException {
		RawWamp2Client client = this.sockets.join();
		client.subscribe(1, Map.of(), CHAT);
		client.send(16, 2, Map.of("acknowledge", true), CHAT, List.of("mine"));
		client.next(17);
		assertThat(client.hasMessageWithin(Duration.ofMillis(300))).isFalse();
	}

	@Test
	void v2PublisherReceivesItsOwnEventWithExcludeMeFalse() {
		RawWamp2Client client = this.sockets.join();
		client.subscribe(1, Map.of(), CHAT);
		client.send(16, 2, Map.of("exclude_me", false), CHAT, List.of("mine"));
		assertThat(client.next(36).get(4).toString()).isEqualTo("[\"mine\"]");
	}

	@Test
	void v2ExcludeNamesAV1SubscriberByItsV2Id() throws InterruptedException {
		WampClient excluded = this.sockets.v1();
		WampClient included = this.sockets.v1();
		BlockingQueue<JsonNode> excludedEvents = new LinkedBlockingQueue<>();
		BlockingQueue<JsonNode> includedEvents = new LinkedBlockingQueue<>();
		excluded.subscribe(CHAT, excludedEvents::add).block(T);
		included.subscribe(CHAT, includedEvents::add).block(T);
		awaitSubscribers(CHAT, 2);
		long excludedV2Id = this.connections.find(excluded.sessionId()).orElseThrow().v2SessionId();
		this.sockets.join().send(16, 3, Map.of("exclude", List.of(excludedV2Id)), CHAT, List.of("not for you"));
		assertThat(poll(includedEvents).asString()).isEqualTo("not for you");
		assertThat(excludedEvents.poll(300, TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	void v2EligibleNamesTheOnlyReceiver() throws InterruptedException {
		RawWamp2Client chosen = this.sockets.connect();
		long chosenId = chosen.welcome().get(1).asLong();
		RawWamp2Client other = this.sockets.join();
		chosen.subscribe(1, Map.of(), CHAT);
		other.subscribe(1, Map.of(), CHAT);
		this.sockets.join().send(16, 4, Map.of("eligible", List.of(chosenId)), CHAT, List.of("just you"));
		assertThat(chosen.next(36).get(4).toString()).isEqualTo("[\"just you\"]");
		assertThat(other.hasMessageWithin(Duration.ofMillis(300))).isFalse();
	}

	@Test
	void v1ExcludeNamesAV2SubscriberByItsV2IdInDecimal() throws InterruptedException {
		RawWamp2Client excluded = this.sockets.connect();
		long excludedId = excluded.welcome().get(1).asLong();
		excluded.subscribe(1, Map.of(), CHAT);
		RawWamp2Client included = this.sockets.join();
		included.subscribe(1, Map.of(), CHAT);
		this.sockets.v1().publish(CHAT, "filtered", List.of(Long.toString(excludedId))).block(T);
		assertThat(included.next(36).get(4).toString()).isEqualTo("[\"filtered\"]");
		assertThat(excluded.hasMessageWithin(Duration.ofMillis(300))).isFalse();
	}

	@Test
	void discloseMeNamesThePublisherInTheEventDetails() {
		RawWamp2Client subscriber = this.sockets.join();
		subscriber.subscribe(1, Map.of(), CHAT);
		RawWamp2Client publisher = this.sockets.connect();
		long publisherId = publisher.welcome().get(1).asLong();
		publisher.send(16, 5, Map.of("disclose_me", true), CHAT, List.of("signed"));
		JsonNode details = subscriber.next(36).get(3);
		assertThat(details.get("publisher").asLong()).isEqualTo(publisherId);
		assertThat(details.get("publisher_authrole").asString()).isEqualTo("anonymous");
	}

	@Test
	void topicHooksTransformV2Publications() {
		RawWamp2Client subscriber = this.sockets.join();
		subscriber.subscribe(1, Map.of(), BASE + "shout");
		this.sockets.join().send(16, 6, Map.of(), BASE + "shout", List.of("quiet"));
		// the hook sees the same event a v1 publisher's would be (a JSON string node)
		assertThat(subscriber.next(36).get(4).toString()).isEqualTo("[{\"shouted\":\"\\\"quiet\\\"\"}]");
	}

	private static JsonNode poll(BlockingQueue<JsonNode> events) {
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

	static void assertClosedWithProtocolViolation(RawWamp2Client client) {
		JsonNode abort = client.next(3);
		assertThat(abort.get(2).asString()).isEqualTo("wamp.error.protocol_violation");
		CloseStatus status = client.awaitClose();
		assertThat(status.code()).isEqualTo(1002);
	}

}
