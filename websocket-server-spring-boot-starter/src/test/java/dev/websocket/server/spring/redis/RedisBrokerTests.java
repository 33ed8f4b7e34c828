package dev.websocket.server.spring.redis;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.websocket.server.wamp.topic.Publication;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two {@link RedisBroker} nodes sharing the Redis server on 127.0.0.1:6379, each with its
 * own channel prefix per test so that tests do not see each other's traffic.
 */
class RedisBrokerTests {

	private static final int PORT = 6379;

	private static final Duration DEADLINE = Duration.ofSeconds(10);

	private final String prefix = "wamp-test:" + UUID.randomUUID() + ":";

	private RedisTestNode a;

	private RedisTestNode b;

	private RedisClient client;

	private StatefulRedisConnection<String, String> redis;

	@BeforeEach
	void startNodes() {
		this.a = new RedisTestNode(PORT, this.prefix);
		this.b = new RedisTestNode(PORT, this.prefix);
		this.client = RedisClient.create("redis://127.0.0.1:" + PORT);
		this.redis = this.client.connect();
		await().atMost(DEADLINE).until(() -> this.a.broker.isAvailable() && this.b.broker.isAvailable());
	}

	@AfterEach
	void stopNodes() {
		this.a.close();
		this.b.close();
		this.redis.close();
		this.client.shutdown();
	}

	@Test
	void publicationReachesTheOtherNode() {
		listen("chat/lobby", this.a, this.b);
		Publication sent = new Publication("chat/lobby", Map.of("text", "hi"));
		StepVerifier.create(this.a.broker.publish(sent)).expectComplete().verify(DEADLINE);
		assertThat(this.a.delivered).containsExactly(sent);
		await().atMost(DEADLINE).until(() -> this.b.delivered.size() == 1);
		Publication received = this.b.delivered.get(0);
		assertThat(received.topicUri()).isEqualTo("chat/lobby");
		assertThat(received.event()).isEqualTo(JsonMapper.builder().build().valueToTree(Map.of("text", "hi")));
		assertThat(this.a.broker.publishedCount()).isEqualTo(1);
		assertThat(this.b.broker.receivedCount()).isEqualTo(1);
	}

	@Test
	void ownPublicationIsDeliveredLocallyOnce() {
		listen("chat/lobby", this.a, this.b);
		Publication first = new Publication("chat/lobby", "from a");
		StepVerifier.create(this.a.broker.publish(first)).expectComplete().verify(DEADLINE);
		Publication second = new Publication("chat/lobby", "from b");
		StepVerifier.create(this.b.broker.publish(second)).expectComplete().verify(DEADLINE);
		// Redis delivers a's own envelope to a before b's, so once b's is here a's has
		// been seen
		await().atMost(DEADLINE).until(() -> this.a.delivered.size() >= 2);
		assertThat(this.a.delivered).hasSize(2);
		assertThat(this.a.delivered.get(0)).isEqualTo(first);
		assertThat(this.a.delivered.get(1).event()).hasToString("\"from b\"");
		assertThat(this.a.broker.receivedCount()).isEqualTo(1);
	}

	@Test
	void nodeWithoutSubscribersForATopicReceivesNoTrafficForIt() {
		listen("chat/lobby", this.a);
		listen("chat/marker", this.b);
		assertThat(numsub("chat/lobby")).isEqualTo(1);
		StepVerifier.create(this.a.broker.publish(new Publication("chat/lobby", "not for b")))
			.expectComplete()
			.verify(DEADLINE);
		StepVerifier.create(this.a.broker.publish(new Publication("chat/marker", "for b")))
			.expectComplete()
			.verify(DEADLINE);
		await().atMost(DEADLINE).until(() -> !this.b.delivered.isEmpty());
		assertThat(this.b.deliveredTopics()).containsExactly("chat/marker");
		assertThat(this.b.broker.receivedCount()).isEqualTo(1);
	}

	@Test
	void removingTheLastLocalSubscriberStopsRemoteDelivery() {
		listen("chat/lobby", this.a, this.b);
		listen("chat/marker", this.b);
		this.b.broker.topicRemoved("chat/lobby");
		await().atMost(DEADLINE).until(() -> numsub("chat/lobby") == 1 && this.b.broker.subscriptionCount() == 1);
		StepVerifier.create(this.a.broker.publish(new Publication("chat/lobby", "gone")))
			.expectComplete()
			.verify(DEADLINE);
		StepVerifier.create(this.a.broker.publish(new Publication("chat/marker", "marker")))
			.expectComplete()
			.verify(DEADLINE);
		await().atMost(DEADLINE).until(() -> !this.b.delivered.isEmpty());
		assertThat(this.b.deliveredTopics()).containsExactly("chat/marker");
		assertThat(this.b.broker.receivedCount()).isEqualTo(1);
	}

	@Test
	void excludeEligibleAndUserReachTheOtherNodeIntact() {
		listen("chat/lobby", this.a, this.b);
		Publication sent = new Publication("chat/lobby", "hi", Set.of("s1", "s2"), Set.of("s3", "s4"), "alice");
		StepVerifier.create(this.a.broker.publish(sent)).expectComplete().verify(DEADLINE);
		await().atMost(DEADLINE).until(() -> this.b.delivered.size() == 1);
		Publication received = this.b.delivered.get(0);
		assertThat(received.exclude()).containsExactlyInAnyOrder("s1", "s2");
		assertThat(received.eligible()).containsExactlyInAnyOrder("s3", "s4");
		assertThat(received.user()).isEqualTo("alice");
	}

	@Test
	void publicationsOfOnePublisherArriveInOrder() {
		listen("chat/lobby", this.a, this.b);
		for (int i = 0; i < 200; i++) {
			this.a.broker.publish(new Publication("chat/lobby", i)).subscribe();
		}
		await().atMost(DEADLINE).until(() -> this.b.delivered.size() == 200);
		for (int i = 0; i < 200; i++) {
			assertThat(this.b.delivered.get(i).event()).hasToString(Integer.toString(i));
		}
	}

	@Test
	void channelsAreNamedWithThePrefix() {
		listen("chat/lobby", this.a);
		assertThat(this.redis.sync().pubsubChannels(this.prefix + "*")).containsExactly(this.prefix + "chat/lobby");
	}

	@Test
	void aPatternBringsTheTopicsItMatchesFromTheOtherNode() {
		this.b.broker.patternAdded("prefix", "news.");
		await().atMost(DEADLINE).until(() -> this.b.broker.patternSubscriptionCount() == 1);
		listen("marker", this.b);
		publish(this.a, "news.sport", "other", "marker");
		await().atMost(DEADLINE).until(() -> this.b.deliveredTopics().contains("marker"));
		assertThat(this.b.deliveredTopics()).containsExactly("news.sport", "marker");
	}

	@Test
	void aChannelMatchingATopicAndPatternsIsDeliveredOnce() {
		listen("news.sport", this.b);
		this.b.broker.patternAdded("prefix", "news.");
		this.b.broker.patternAdded("wildcard", ".sport");
		await().atMost(DEADLINE).until(() -> this.b.broker.patternSubscriptionCount() == 2);
		listen("marker", this.b);
		publish(this.a, "news.sport", "news.sport", "marker");
		await().atMost(DEADLINE).until(() -> this.b.deliveredTopics().contains("marker"));
		assertThat(this.b.deliveredTopics()).containsExactly("news.sport", "news.sport", "marker");
		assertThat(this.b.broker.receivedCount()).isEqualTo(3);
	}

	@Test
	void aPatternWithoutLocalSubscribersStopsItsTraffic() {
		this.b.broker.patternAdded("prefix", "news.");
		this.b.broker.patternAdded("prefix", "news.");
		await().atMost(DEADLINE).until(() -> this.b.broker.patternSubscriptionCount() == 1);
		this.b.broker.patternRemoved("prefix", "news.");
		listen("marker", this.b);
		publish(this.a, "news.one", "marker");
		await().atMost(DEADLINE).until(() -> this.b.deliveredTopics().contains("marker"));
		this.b.broker.patternRemoved("prefix", "news.");
		await().atMost(DEADLINE).until(() -> this.b.broker.patternSubscriptionCount() == 0);
		publish(this.a, "news.two", "marker");
		await().atMost(DEADLINE).until(() -> this.b.deliveredTopics().size() == 3);
		assertThat(this.b.deliveredTopics()).containsExactly("news.one", "marker", "marker");
	}

	@Test
	void globCharactersInAPatternAreLiteral() {
		this.b.broker.patternAdded("prefix", "a*b?[c]\\");
		this.b.broker.patternAdded("wildcard", "x..[y]");
		await().atMost(DEADLINE).until(() -> this.b.broker.patternSubscriptionCount() == 2);
		listen("marker", this.b);
		publish(this.a, "a*b?[c]\\1", "aXXbY[c]\\2", "azb?c\\3", "x.any.[y]", "x.any.y", "marker");
		await().atMost(DEADLINE).until(() -> this.b.deliveredTopics().contains("marker"));
		assertThat(this.b.deliveredTopics()).containsExactly("a*b?[c]\\1", "x.any.[y]", "marker");
	}

	private static void publish(RedisTestNode node, String... topics) {
		for (String topic : topics) {
			StepVerifier.create(node.broker.publish(new Publication(topic, topic))).expectComplete().verify(DEADLINE);
		}
	}

	/**
	 * Adds local interest on the nodes and waits until Redis confirmed their
	 * subscriptions.
	 */
	private void listen(String topicUri, RedisTestNode... nodes) {
		int before = numsub(topicUri);
		for (RedisTestNode node : nodes) {
			node.broker.topicAdded(topicUri);
		}
		await().atMost(DEADLINE).until(() -> numsub(topicUri) == before + nodes.length);
	}

	private int numsub(String topicUri) {
		Long count = this.redis.sync().pubsubNumsub(this.prefix + topicUri).get(this.prefix + topicUri);
		return (count != null) ? count.intValue() : 0;
	}

}
