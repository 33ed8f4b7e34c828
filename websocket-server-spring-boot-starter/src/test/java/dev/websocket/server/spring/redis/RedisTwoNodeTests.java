package dev.websocket.server.spring.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.websocket.server.client.WampClient;
import dev.websocket.server.spring.redis.RedisChatTestApplication.Node;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two server instances (two application contexts on random ports) sharing the Redis
 * server on 127.0.0.1:6379, with real WAMP clients. Each test uses a room of its own.
 */
class RedisTwoNodeTests {

	private static final Duration DEADLINE = RedisChatTestApplication.DEADLINE;

	private static final String PREFIX = RedisChatTestApplication.uniquePrefix();

	private static Node one;

	private static Node two;

	private static RedisClient redisClient;

	private static StatefulRedisConnection<String, String> redis;

	private final String room = "chat/" + UUID.randomUUID();

	private final String marker = "chat/marker-" + UUID.randomUUID();

	@BeforeAll
	static void startNodes() {
		one = RedisChatTestApplication.start(6379, PREFIX);
		two = RedisChatTestApplication.start(6379, PREFIX);
		redisClient = RedisClient.create("redis://127.0.0.1:6379");
		redis = redisClient.connect();
		await().atMost(DEADLINE).until(() -> one.broker().isAvailable() && two.broker().isAvailable());
	}

	@AfterAll
	static void stopNodes() {
		one.close();
		two.close();
		redis.close();
		redisClient.shutdown();
	}

	@Test
	void clientPublishReachesSubscriberOnTheOtherNode() {
		List<JsonNode> received = subscribe(two.connect(), two, this.room);
		WampClient publisher = one.connect();
		publisher.publish(this.room, "hello from one").block(DEADLINE);
		await().atMost(DEADLINE).until(() -> received.size() == 1);
		assertThat(received.get(0).asString()).isEqualTo("hello from one");
	}

	@Test
	void templatePublishReachesSubscriberOnTheOtherNode() {
		List<JsonNode> received = subscribe(two.connect(), two, this.room);
		one.template().publish(this.room, Map.of("text", "pushed")).block(DEADLINE);
		await().atMost(DEADLINE).until(() -> received.size() == 1);
		assertThat(received.get(0).get("text").asString()).isEqualTo("pushed");
	}

	@Test
	void excludeMeSkipsOnlyThePublisherAcrossNodes() {
		WampClient publisher = one.connect();
		List<JsonNode> atPublisher = subscribe(publisher, one, this.room);
		List<JsonNode> localPeer = subscribe(one.connect(), one, this.room);
		List<JsonNode> remotePeer = subscribe(two.connect(), two, this.room);
		publisher.publish(this.room, "not for me", true).block(DEADLINE);
		publisher.publish(this.room, "for all", false).block(DEADLINE);
		await().atMost(DEADLINE)
			.until(() -> remotePeer.size() == 2 && localPeer.size() == 2 && atPublisher.size() == 1);
		assertThat(atPublisher).extracting(JsonNode::asString).containsExactly("for all");
		assertThat(remotePeer).extracting(JsonNode::asString).containsExactly("not for me", "for all");
	}

	@Test
	void excludeListSkipsSessionsOnTheOtherNode() {
		WampClient excluded = two.connect();
		List<JsonNode> atExcluded = subscribe(excluded, two, this.room);
		List<JsonNode> atOther = subscribe(two.connect(), two, this.room);
		WampClient publisher = one.connect();
		publisher.publish(this.room, "skip one", List.of(excluded.sessionId())).block(DEADLINE);
		publisher.publish(this.room, "everyone").block(DEADLINE);
		await().atMost(DEADLINE).until(() -> atOther.size() == 2 && atExcluded.size() == 1);
		assertThat(atExcluded).extracting(JsonNode::asString).containsExactly("everyone");
	}

	@Test
	void eligibleListLimitsDeliveryOnTheOtherNode() {
		WampClient chosen = two.connect();
		List<JsonNode> atChosen = subscribe(chosen, two, this.room);
		List<JsonNode> atOther = subscribe(two.connect(), two, this.room);
		WampClient publisher = one.connect();
		publisher.publish(this.room, "only chosen", List.of(), List.of(chosen.sessionId())).block(DEADLINE);
		publisher.publish(this.room, "everyone").block(DEADLINE);
		await().atMost(DEADLINE).until(() -> atChosen.size() == 2 && atOther.size() == 1);
		assertThat(atOther).extracting(JsonNode::asString).containsExactly("everyone");
	}

	@Test
	void templatePublishToSessionsReachesThemOnTheOtherNode() {
		WampClient chosen = two.connect();
		List<JsonNode> atChosen = subscribe(chosen, two, this.room);
		List<JsonNode> atOther = subscribe(two.connect(), two, this.room);
		one.template().publishToSessions(this.room, "only chosen", Set.of(chosen.sessionId())).block(DEADLINE);
		one.template().publish(this.room, "everyone").block(DEADLINE);
		await().atMost(DEADLINE).until(() -> atChosen.size() == 2 && atOther.size() == 1);
		assertThat(atOther).extracting(JsonNode::asString).containsExactly("everyone");
	}

	@Test
	void userTargetedPushReachesThatUsersSessionOnTheOtherNode() {
		List<JsonNode> atAlice = subscribe(two.connect("alice"), two, this.room);
		List<JsonNode> atBob = subscribe(two.connect("bob"), two, this.room);
		List<JsonNode> atAnonymous = subscribe(two.connect(), two, this.room);
		one.template().publishToUser("alice", this.room, "for alice").block(DEADLINE);
		one.template().publish(this.room, "everyone").block(DEADLINE);
		await().atMost(DEADLINE).until(() -> atAlice.size() == 2 && atBob.size() == 1 && atAnonymous.size() == 1);
		assertThat(atAlice).extracting(JsonNode::asString).containsExactly("for alice", "everyone");
		assertThat(atBob).extracting(JsonNode::asString).containsExactly("everyone");
	}

	@Test
	void unsubscribeOnOneNodeStopsRemoteDeliveryToIt() {
		WampClient subscriber = two.connect();
		List<JsonNode> atSubscriber = subscribe(subscriber, two, this.room);
		List<JsonNode> atMarker = subscribe(two.connect(), two, this.marker);
		subscriber.unsubscribe(this.room).block(DEADLINE);
		await().atMost(DEADLINE).until(() -> listeners(this.room) == 0);
		long receivedBefore = two.broker().receivedCount();
		WampClient publisher = one.connect();
		publisher.publish(this.room, "nobody listens on two").block(DEADLINE);
		publisher.publish(this.marker, "marker").block(DEADLINE);
		await().atMost(DEADLINE).until(() -> atMarker.size() == 1);
		assertThat(atSubscriber).isEmpty();
		assertThat(two.broker().receivedCount() - receivedBefore).isEqualTo(1);
	}

	@Test
	void nodeWithoutSubscribersForATopicReceivesNoRedisTrafficForIt() {
		List<JsonNode> atOne = subscribe(one.connect(), one, this.room);
		List<JsonNode> atMarker = subscribe(two.connect(), two, this.marker);
		assertThat(listeners(this.room)).isEqualTo(1);
		long receivedBefore = two.broker().receivedCount();
		WampClient publisher = one.connect();
		publisher.publish(this.room, "stays on one").block(DEADLINE);
		publisher.publish(this.marker, "marker").block(DEADLINE);
		await().atMost(DEADLINE).until(() -> atMarker.size() == 1 && atOne.size() == 1);
		assertThat(two.broker().receivedCount() - receivedBefore).isEqualTo(1);
	}

	@Test
	void brokerMetricsCountPublishesReceivesAndSubscriptions() {
		List<JsonNode> received = subscribe(two.connect(), two, this.room);
		MeterRegistry atOne = one.context.getBean(MeterRegistry.class);
		MeterRegistry atTwo = two.context.getBean(MeterRegistry.class);
		double publishedBefore = atOne.get("wamp.broker.publishes").functionCounter().count();
		double receivedBefore = atTwo.get("wamp.broker.receives").functionCounter().count();
		one.template().publish(this.room, "counted").block(DEADLINE);
		await().atMost(DEADLINE).until(() -> received.size() == 1);
		assertThat(atOne.get("wamp.broker.publishes").functionCounter().count()).isEqualTo(publishedBefore + 1);
		assertThat(atTwo.get("wamp.broker.receives").functionCounter().count()).isEqualTo(receivedBefore + 1);
		assertThat(atTwo.get("wamp.broker.redis.subscriptions").gauge().value()).isGreaterThanOrEqualTo(1);
		assertThat(atOne.get("wamp.broker.failures").tag("kind", "publish").functionCounter().count()).isZero();
	}

	/**
	 * Subscribes a client and waits until its node registered it and, for a node's first
	 * subscriber, until Redis confirmed the node listens to the topic.
	 */
	private List<JsonNode> subscribe(WampClient client, Node node, String topicUri) {
		List<JsonNode> received = new CopyOnWriteArrayList<>();
		int before = node.subscribers(topicUri);
		long nodesBefore = listeners(topicUri);
		client.subscribe(topicUri, received::add).block(DEADLINE);
		await().atMost(DEADLINE).until(() -> node.subscribers(topicUri) == before + 1);
		if (before == 0) {
			await().atMost(DEADLINE).until(() -> listeners(topicUri) == nodesBefore + 1);
		}
		return received;
	}

	/** The number of nodes listening to a topic's channel. */
	private static long listeners(String topicUri) {
		String channel = PREFIX + topicUri;
		Long count = redis.sync().pubsubNumsub(channel).get(channel);
		return (count != null) ? count : 0;
	}

}
