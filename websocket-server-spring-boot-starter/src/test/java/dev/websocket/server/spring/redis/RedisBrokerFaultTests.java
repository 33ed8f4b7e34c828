package dev.websocket.server.spring.redis;

import java.time.Duration;

import dev.websocket.server.wamp.topic.Publication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two {@link RedisBroker} nodes on a {@code redis-server} of the test's own that is
 * stopped and started again mid-run.
 */
class RedisBrokerFaultTests {

	private static final Duration DEADLINE = Duration.ofSeconds(30);

	private static final String TOPIC = "chat/lobby";

	private RedisServerProcess server;

	private RedisTestNode a;

	private RedisTestNode b;

	@BeforeEach
	void start() {
		this.server = RedisServerProcess.startOnFreePort();
		this.a = new RedisTestNode(this.server.port(), "wamp:topic:", RedisTestNode::fastFailover);
		this.b = new RedisTestNode(this.server.port(), "wamp:topic:", RedisTestNode::fastFailover);
		this.a.broker.topicAdded(TOPIC);
		this.b.broker.topicAdded(TOPIC);
		awaitConnected();
	}

	@AfterEach
	void stop() {
		this.a.close();
		this.b.close();
		this.server.close();
	}

	@Test
	void localDeliveryContinuesWhileRedisIsDownAndRemoteDeliveryResumesAfterwards() {
		publishAndAwaitRemote("before");

		this.server.stop();
		await().atMost(DEADLINE).until(() -> !this.a.broker.isAvailable() && !this.b.broker.isAvailable());
		Publication during = new Publication(TOPIC, "during");
		StepVerifier.create(this.a.broker.publish(during)).expectError().verify(DEADLINE);
		assertThat(this.a.delivered).last().isEqualTo(during);
		assertThat(this.a.broker.publishFailureCount()).isEqualTo(1);
		assertThat(this.a.broker.subscriptionCount()).isZero();

		this.server.start();
		awaitConnected();
		publishAndAwaitRemote("after");
		assertThat(this.b.delivered).extracting((publication) -> publication.event().toString())
			.containsExactly("\"before\"", "\"after\"");
	}

	@Test
	void publishFailsFastWithoutRedis() {
		this.server.stop();
		await().atMost(DEADLINE).until(() -> !this.a.broker.isAvailable());
		for (int i = 0; i < 100; i++) {
			StepVerifier.create(this.a.broker.publish(new Publication(TOPIC, i))).expectError().verify(DEADLINE);
		}
		assertThat(this.a.delivered).hasSize(100);
		assertThat(this.a.broker.publishFailureCount()).isEqualTo(100);
	}

	@Test
	void topicsAddedAndRemovedWhileRedisIsDownAreListenedToAfterReconnecting() {
		this.server.stop();
		await().atMost(DEADLINE).until(() -> !this.a.broker.isAvailable() && !this.b.broker.isAvailable());
		this.b.broker.topicAdded("chat/new");
		this.b.broker.topicRemoved(TOPIC);

		this.server.start();
		awaitConnected();
		await().atMost(DEADLINE).until(() -> this.b.broker.subscriptionCount() == 1);
		StepVerifier.create(this.a.broker.publish(new Publication(TOPIC, "old"))).expectComplete().verify(DEADLINE);
		StepVerifier.create(this.a.broker.publish(new Publication("chat/new", "new")))
			.expectComplete()
			.verify(DEADLINE);
		await().atMost(DEADLINE).until(() -> !this.b.delivered.isEmpty());
		assertThat(this.b.deliveredTopics()).containsExactly("chat/new");
	}

	@Test
	void hungRedisIsNoticedAndPublishesTimeOutAfterLocalDelivery() {
		this.server.pause();
		try {
			Publication stuck = new Publication(TOPIC, "stuck");
			StepVerifier.create(this.a.broker.publish(stuck))
				.then(() -> assertThat(this.a.delivered).last().isEqualTo(stuck))
				.expectError()
				.verify(DEADLINE);
			await().atMost(DEADLINE).until(() -> !this.a.broker.isAvailable() && !this.b.broker.isAvailable());
		}
		finally {
			this.server.resume();
		}
		awaitConnected();
		Publication after = new Publication(TOPIC, "after");
		StepVerifier.create(this.a.broker.publish(after)).expectComplete().verify(DEADLINE);
		await().atMost(DEADLINE)
			.until(() -> this.b.delivered.stream()
				.anyMatch((publication) -> "\"after\"".equals(String.valueOf(publication.event()))));
	}

	@Test
	void publishesWaitingForAHungRedisAreBounded() {
		try (RedisTestNode c = new RedisTestNode(this.server.port(), "wamp:topic:",
				(builder) -> builder.commandTimeout(Duration.ofSeconds(5))
					.healthCheckInterval(Duration.ofMinutes(1))
					.maxPendingPublishes(5))) {
			await().atMost(DEADLINE).until(c.broker::isAvailable);
			this.server.pause();
			try {
				for (int i = 0; i < 5; i++) {
					c.broker.publish(new Publication(TOPIC, i)).subscribe(null, (ex) -> {
					});
				}
				StepVerifier.create(c.broker.publish(new Publication(TOPIC, "sixth")))
					.expectErrorMatches((ex) -> ex.getMessage().contains("More than 5 publishes waiting"))
					.verify(DEADLINE);
				assertThat(c.delivered).hasSize(6);
			}
			finally {
				this.server.resume();
			}
		}
	}

	@Test
	void brokerStartedWhileRedisIsDownConnectsOnceRedisIsUp() {
		this.server.stop();
		try (RedisTestNode c = new RedisTestNode(this.server.port(), "wamp:topic:", RedisTestNode::fastFailover)) {
			c.broker.topicAdded(TOPIC);
			assertThat(c.broker.isAvailable()).isFalse();
			Publication early = new Publication(TOPIC, "early");
			StepVerifier.create(c.broker.publish(early)).expectError().verify(DEADLINE);
			assertThat(c.delivered).containsExactly(early);

			this.server.start();
			awaitConnected();
			await().atMost(DEADLINE).until(() -> c.broker.isAvailable() && c.broker.subscriptionCount() == 1);
			StepVerifier.create(this.a.broker.publish(new Publication(TOPIC, "late")))
				.expectComplete()
				.verify(DEADLINE);
			await().atMost(DEADLINE).until(() -> c.delivered.size() == 2);
		}
	}

	private void awaitConnected() {
		await().atMost(DEADLINE)
			.until(() -> this.a.broker.isAvailable() && this.b.broker.isAvailable()
					&& this.a.broker.subscriptionCount() >= 1 && this.b.broker.subscriptionCount() >= 1);
	}

	private void publishAndAwaitRemote(String event) {
		int before = this.b.delivered.size();
		StepVerifier.create(this.a.broker.publish(new Publication(TOPIC, event))).expectComplete().verify(DEADLINE);
		await().atMost(DEADLINE).until(() -> this.b.delivered.size() == before + 1);
	}

}
