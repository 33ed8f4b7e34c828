package dev.websocket.server.spring.webflux;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.websocket.server.client.WampClient;
import dev.websocket.server.spring.redis.RedisBroker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WAMP v1 and v2 clients on two server nodes (two application contexts on random ports)
 * sharing the Redis server on 127.0.0.1:6379: what a v2 publisher adds (arguments,
 * keyword arguments, publisher disclosure, the authid/authrole filters) crosses nodes as
 * it stays on one, v1 and v2 clients meet in one room in both directions, and pattern
 * subscriptions on one node match what is published on the other. Each test uses a room
 * of its own.
 */
class Wamp2RedisTwoNodeTests {

	static final Duration DEADLINE = Duration.ofSeconds(20);

	private static final String PREFIX = "wamp-test:" + UUID.randomUUID() + ":";

	private static ConfigurableApplicationContext one;

	private static ConfigurableApplicationContext two;

	private static RedisClient redisClient;

	private static StatefulRedisConnection<String, String> redis;

	private final String room = BASE + "chat/" + UUID.randomUUID();

	@RegisterExtension
	final TestSockets sockets = new TestSockets();

	@BeforeAll
	static void startNodes() {
		one = start(PREFIX);
		two = start(PREFIX);
		redisClient = RedisClient.create("redis://127.0.0.1:6379");
		redis = redisClient.connect();
		await().atMost(DEADLINE).until(() -> broker(one).isAvailable() && broker(two).isAvailable());
	}

	static ConfigurableApplicationContext start(String channelPrefix, String... more) {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=6379", "websocket.server.broker.type=redis",
				"websocket.server.broker.redis.channel-prefix=" + channelPrefix,
				"websocket.server.broker.redis.callee-prefix=" + channelPrefix + "callee:",
				"websocket.server.broker.redis.health-check-interval=200ms",
				"websocket.server.protocols.v2-json.enabled=true", "spring.main.banner-mode=off"));
		properties.addAll(List.of(more));
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.REACTIVE)
			.properties(properties.toArray(String[]::new))
			// event loops of its own: with Reactor Netty's global ones, stopping one node
			// would stop the others in this JVM
			.initializers((ApplicationContextInitializer<GenericApplicationContext>) (context) -> context
				.registerBean("nodeReactorResources", ReactorResourceFactory.class, () -> {
					ReactorResourceFactory resources = new ReactorResourceFactory();
					resources.setUseGlobalResources(false);
					return resources;
				}))
			.run();
	}

	@AfterAll
	static void stopNodes() {
		one.close();
		two.close();
		redis.close();
		redisClient.shutdown();
	}

	static RedisBroker broker(ConfigurableApplicationContext node) {
		return node.getBean(RedisBroker.class);
	}

	@Test
	void v1AndV2ClientsChatInOneRoomAcrossNodesInBothDirections() {
		BlockingQueue<JsonNode> atV1 = new LinkedBlockingQueue<>();
		WampClient v1 = v1(one);
		v1.subscribe(this.room, atV1::add).block(DEADLINE);
		awaitListeners(this.room, 1);
		RawWamp2Client v2 = join(two, null);
		long subscription = v2.subscribe(1, Map.of(), this.room);
		awaitListeners(this.room, 2);

		v1.publish(this.room, "hello from v1").block(DEADLINE);
		// a v1 publisher receives its own publication unless it excludes itself
		assertThat(poll(atV1).asString()).isEqualTo("hello from v1");
		JsonNode event = v2.next(36);
		assertThat(event.get(1).asLong()).isEqualTo(subscription);
		assertThat(event.get(4)).isEqualTo(RawWamp2Client.tree(List.of("hello from v1")));
		assertThat(event.size()).as("no kwargs: " + event).isEqualTo(5);

		v2.send(16, 1, Map.of(), this.room, List.of("hello from v2"));
		assertThat(poll(atV1).asString()).isEqualTo("hello from v2");

		v2.send(16, 2, Map.of(), this.room, List.of(1, "two"), Map.of("mood", "fine"));
		assertThat(poll(atV1))
			.isEqualTo(RawWamp2Client.tree(Map.of("args", List.of(1, "two"), "kwargs", Map.of("mood", "fine"))));

		v1.publish(this.room, Map.of("text", "and back"), true).block(DEADLINE);
		assertThat(v2.next(36).get(4)).isEqualTo(RawWamp2Client.tree(List.of(Map.of("text", "and back"))));
	}

	@Test
	void aV2PublicationKeepsItsArgumentsKeywordsAndIdForV2SubscribersOnTheOtherNode() {
		RawWamp2Client local = join(one, null);
		local.subscribe(1, Map.of(), this.room);
		RawWamp2Client remote = join(two, null);
		remote.subscribe(1, Map.of(), this.room);
		awaitListeners(this.room, 2);
		RawWamp2Client publisher = join(one, null);
		publisher.send(16, 7, Map.of("acknowledge", true), this.room, List.of(1, List.of(2.5, "x")),
				Map.of("k", Map.of("deep", true)));
		long publicationId = publisher.next(17).get(2).asLong();
		JsonNode atLocal = local.next(36);
		JsonNode atRemote = remote.next(36);
		assertThat(atRemote.get(2).asLong()).isEqualTo(publicationId);
		assertThat(atRemote.get(4)).isEqualTo(atLocal.get(4));
		assertThat(atRemote.get(5)).isEqualTo(atLocal.get(5));
		assertThat(atRemote.get(5)).isEqualTo(RawWamp2Client.tree(Map.of("k", Map.of("deep", true))));
	}

	@Test
	void aDisclosedPublisherIsNamedToSubscribersOnTheOtherNode() {
		RawWamp2Client remote = join(two, null);
		remote.subscribe(1, Map.of(), this.room);
		awaitListeners(this.room, 1);
		RawWamp2Client publisher = join(one, "alice");
		long publisherId = publisher.welcomeSessionId;
		publisher.send(16, 1, Map.of("disclose_me", true), this.room, List.of("it is me"));
		JsonNode details = remote.next(36).get(3);
		assertThat(details.get("publisher").asLong()).isEqualTo(publisherId);
		assertThat(details.get("publisher_authid").asString()).isEqualTo("alice");
		assertThat(details.get("publisher_authrole").asString()).isEqualTo("user");
		publisher.send(16, 2, Map.of(), this.room, List.of("anonymous now"));
		JsonNode undisclosed = remote.next(36);
		assertThat(undisclosed.get(3).has("publisher")).isFalse();
	}

	@Test
	void authidAndAuthroleFiltersApplyOnTheOtherNode() {
		RawWamp2Client alice = join(two, "alice");
		alice.subscribe(1, Map.of(), this.room);
		RawWamp2Client bob = join(two, "bob");
		bob.subscribe(1, Map.of(), this.room);
		RawWamp2Client anonymous = join(two, null);
		anonymous.subscribe(1, Map.of(), this.room);
		awaitListeners(this.room, 1);
		RawWamp2Client publisher = join(one, null);
		publisher.send(16, 1, Map.of("exclude_authid", List.of("alice")), this.room, List.of("not alice"));
		publisher.send(16, 2, Map.of("eligible_authid", List.of("alice")), this.room, List.of("only alice"));
		publisher.send(16, 3, Map.of("exclude_authrole", List.of("user")), this.room, List.of("no users"));
		publisher.send(16, 4, Map.of("eligible_authrole", List.of("user")), this.room, List.of("users only"));
		publisher.send(16, 5, Map.of(), this.room, List.of("end"));
		assertThat(texts(alice, 3)).containsExactly("only alice", "users only", "end");
		assertThat(texts(bob, 3)).containsExactly("not alice", "users only", "end");
		assertThat(texts(anonymous, 3)).containsExactly("not alice", "no users", "end");
	}

	@Test
	void excludeAndEligibleNameSessionsOfEitherGenerationOnTheOtherNode() {
		RawWamp2Client v2 = join(two, null);
		v2.subscribe(1, Map.of(), this.room);
		BlockingQueue<JsonNode> atV1 = new LinkedBlockingQueue<>();
		WampClient v1 = v1(two);
		v1.subscribe(this.room, atV1::add).block(DEADLINE);
		awaitListeners(this.room, 1);
		RawWamp2Client v2Publisher = join(one, null);
		// a v2 publisher names a v2 session by its id; a v1 publisher names either by
		// its v1 id or the v2 id in decimal
		v2Publisher.send(16, 1, Map.of("exclude", List.of(v2.welcomeSessionId)), this.room, List.of("not v2"));
		v2Publisher.send(16, 2, Map.of("eligible", List.of(v2.welcomeSessionId)), this.room, List.of("only v2"));
		WampClient v1Publisher = v1(one);
		v1Publisher.publish(this.room, "not v1", List.of(v1.sessionId())).block(DEADLINE);
		v1Publisher.publish(this.room, "only v2 by decimal id", List.of(), List.of(v2.welcomeSessionId + ""))
			.block(DEADLINE);
		v1Publisher.publish(this.room, "end").block(DEADLINE);
		assertThat(texts(v2, 4)).containsExactly("only v2", "not v1", "only v2 by decimal id", "end");
		List<String> v1Texts = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			v1Texts.add(poll(atV1).asString());
		}
		assertThat(v1Texts).containsExactly("not v2", "end");
	}

	@Test
	void excludeMeSkipsOnlyTheV2PublisherAcrossNodes() {
		RawWamp2Client publisher = join(one, null);
		publisher.subscribe(1, Map.of(), this.room);
		RawWamp2Client remote = join(two, null);
		remote.subscribe(1, Map.of(), this.room);
		awaitListeners(this.room, 2);
		publisher.send(16, 1, Map.of(), this.room, List.of("not for me"));
		publisher.send(16, 2, Map.of("exclude_me", false), this.room, List.of("for me too"));
		assertThat(texts(remote, 2)).containsExactly("not for me", "for me too");
		assertThat(texts(publisher, 1)).containsExactly("for me too");
	}

	@Test
	void patternSubscriptionsMatchTopicsPublishedOnTheOtherNodeOnce() {
		String prefix = this.room + ".";
		RawWamp2Client v2 = join(two, null);
		long prefixId = v2.subscribe(1, Map.of("match", "prefix"), prefix);
		long wildcardId = v2.subscribe(1, Map.of("match", "wildcard"), prefix + ".news");
		long exactId = v2.subscribe(1, Map.of(), prefix + "sports.news");
		await().atMost(DEADLINE).until(() -> broker(two).patternSubscriptionCount() >= 2);
		awaitListeners(prefix + "sports.news", 1);
		WampClient v1 = v1(one);
		v1.publish(prefix + "sports.news", "goal").block(DEADLINE);
		v1.publish(prefix + "weather", "rain").block(DEADLINE);
		RawWamp2Client marker = join(two, null);
		marker.subscribe(1, Map.of(), this.room);
		awaitListeners(this.room, 1);
		v1.publish(this.room, "marker").block(DEADLINE);
		marker.next(36);
		List<JsonNode> events = new ArrayList<>();
		while (true) {
			JsonNode event = v2.nextWithin(Duration.ofMillis(500));
			if (event == null) {
				break;
			}
			events.add(event);
		}
		// "goal" once per subscription (exact, prefix, wildcard), "rain" to the prefix
		assertThat(events).extracting((event) -> event.get(1).asLong() + " " + event.get(4).get(0).asString())
			.containsExactlyInAnyOrder(exactId + " goal", prefixId + " goal", wildcardId + " goal", prefixId + " rain");
		assertThat(events).filteredOn((event) -> event.get(1).asLong() == prefixId)
			.extracting((event) -> event.get(3).get("topic").asString())
			.containsExactlyInAnyOrder(prefix + "sports.news", prefix + "weather");
	}

	@Test
	void numbersReachTheOtherNodeExactlyAsTheyReachThisOne() {
		RawClient local = raw(one);
		local.send("[5,\"" + this.room + "\"]");
		RawClient remote = raw(two);
		remote.send("[5,\"" + this.room + "\"]");
		awaitListeners(this.room, 2);
		RawClient publisher = raw(one);
		publisher.send("[7,\"" + this.room + "\",[1e400,0.10,-0.0,12345678901234567890123]]");
		String atLocal = local.nextStartingWith("[8,");
		String atRemote = remote.nextStartingWith("[8,");
		assertThat(atLocal).contains("[1E+400,0.10,");
		assertThat(atRemote).isEqualTo(atLocal);
	}

	// ---- helpers

	private WampClient v1(ConfigurableApplicationContext node) {
		return this.sockets.v1(TestSockets.uri(node));
	}

	private RawClient raw(ConfigurableApplicationContext node) {
		RawClient client = this.sockets.raw(TestSockets.uri(node));
		client.nextStartingWith("[0,");
		return client;
	}

	RawWamp2Client join(ConfigurableApplicationContext node, String user) {
		Map<String, String> headers = (user != null)
				? Map.of("Authorization", "Basic "
						+ Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8)))
				: Map.of();
		RawWamp2Client client = this.sockets.connect(TestSockets.uri(node), headers);
		client.welcome();
		return client;
	}

	private static List<String> texts(RawWamp2Client client, int count) {
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			texts.add(client.next(36).get(4).get(0).asString());
		}
		return texts;
	}

	private static JsonNode poll(BlockingQueue<JsonNode> queue) {
		try {
			JsonNode value = queue.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(value).as("an event within " + DEADLINE).isNotNull();
			return value;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** Waits until the given number of nodes listen to a topic's channel. */
	private static void awaitListeners(String topic, int nodes) {
		String channel = PREFIX + topic;
		await().atMost(DEADLINE).until(() -> {
			Long count = redis.sync().pubsubNumsub(channel).get(channel);
			return count != null && count >= nodes;
		});
	}

}
