package dev.websocket.server.spring.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How publications travel between server nodes ({@code websocket.server.broker.*}).
 *
 * @param type which broker to use
 * @param redis settings of the Redis broker
 */
@ConfigurationProperties("websocket.server.broker")
public record WampBrokerProperties(@DefaultValue("in-memory") Type type, @DefaultValue Redis redis) {

	/** The kinds of broker. */
	public enum Type {

		/** Publications stay on this node (the default). */
		IN_MEMORY,

		/** Publications reach every node through Redis pub/sub ({@code spring.data.redis.*}). */
		REDIS

	}

	/**
	 * Settings of the Redis broker ({@code websocket.server.broker.redis.*}).
	 *
	 * @param channelPrefix put before a topic URI to name its Redis channel; nodes that share
	 * topics must use the same prefix
	 * @param commandTimeout the longest wait for Redis to answer a publish, subscribe or ping
	 * @param healthCheckInterval the pause between two pings that check the connection
	 * @param reconnectMinBackoff the first pause before reconnecting after a failure
	 * @param reconnectMaxBackoff the longest pause before reconnecting
	 * @param maxPendingPublishes publishes that may wait for Redis at once; more fail at once
	 * (local delivery still happens)
	 * @param failureLogInterval the shortest time between two warnings about failed publishes
	 */
	public record Redis(@DefaultValue(RedisBroker.DEFAULT_CHANNEL_PREFIX) String channelPrefix,
			@DefaultValue("2s") Duration commandTimeout, @DefaultValue("1s") Duration healthCheckInterval,
			@DefaultValue("100ms") Duration reconnectMinBackoff, @DefaultValue("5s") Duration reconnectMaxBackoff,
			@DefaultValue("10000") int maxPendingPublishes, @DefaultValue("10s") Duration failureLogInterval) {
	}
}
