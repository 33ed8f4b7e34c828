package dev.websocket.server.spring.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import dev.websocket.server.wamp.topic.Publication;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * One server node as the broker sees it: its own Redis connection factory, a started
 * {@link RedisBroker}, and the publications handed to local delivery.
 */
final class RedisTestNode implements AutoCloseable {

	final LettuceConnectionFactory connectionFactory;

	final RedisBroker broker;

	final List<Publication> delivered = new CopyOnWriteArrayList<>();

	RedisTestNode(int port, String channelPrefix, UnaryOperator<RedisBroker.Builder> customizer) {
		this.connectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		this.broker = customizer.apply(RedisBroker.builder(this.connectionFactory).channelPrefix(channelPrefix))
			.build();
		this.broker.start((publication) -> {
			this.delivered.add(publication);
			return 1;
		});
	}

	RedisTestNode(int port, String channelPrefix) {
		this(port, channelPrefix, UnaryOperator.identity());
	}

	/**
	 * Settings that notice a lost Redis quickly, for fault tests. The command timeout
	 * leaves room for a loaded build machine: at 500 ms, the first publish after a
	 * reconnect sometimes timed out while the whole suite ran.
	 */
	static RedisBroker.Builder fastFailover(RedisBroker.Builder builder) {
		return builder.commandTimeout(Duration.ofSeconds(2))
			.healthCheckInterval(Duration.ofMillis(200))
			.reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
	}

	List<String> deliveredTopics() {
		return this.delivered.stream().map(Publication::topicUri).toList();
	}

	@Override
	public void close() {
		this.broker.stop();
		this.connectionFactory.destroy();
	}

}
