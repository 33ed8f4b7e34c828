package dev.websocket.server.spring.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How publications travel between server nodes ({@code websocket.server.broker.*}).
 *
 * @param type Which broker carries publications between nodes: 'in-memory' (this node
 * only) or 'redis' (needs a reactive Redis connection factory, configured with
 * spring.data.redis.*).
 * @param redis Settings of the Redis broker.
 */
@ConfigurationProperties("websocket.server.broker")
public record WampBrokerProperties(@DefaultValue("in-memory") Type type, @DefaultValue Redis redis) {

	/** The kinds of broker. */
	public enum Type {

		/** Publications stay on this node (the default). */
		IN_MEMORY,

		/**
		 * Publications reach every node through Redis pub/sub
		 * ({@code spring.data.redis.*}).
		 */
		REDIS

	}

	/**
	 * Settings of the Redis broker ({@code websocket.server.broker.redis.*}).
	 *
	 * @param channelPrefix Prefix put before a topic URI to name its Redis channel. Nodes
	 * that share topics must use the same prefix.
	 * @param commandTimeout Longest wait for Redis to answer a publish, subscribe or
	 * ping.
	 * @param healthCheckInterval Pause between two pings that check the connection to
	 * Redis.
	 * @param reconnectMinBackoff First pause before reconnecting after the connection
	 * failed.
	 * @param reconnectMaxBackoff Longest pause before reconnecting.
	 * @param maxPendingPublishes Publishes that may wait for Redis at once; more fail at
	 * once (local subscribers still receive them).
	 * @param failureLogInterval Shortest time between two warnings about failed
	 * publishes.
	 * @param calleePrefix Prefix of the Redis keys and channels that make procedures WAMP
	 * v2 clients register callable from every node. Nodes that share procedures must use
	 * the same prefix.
	 * @param calleeTtl How long a node's registered procedure names and its alive mark in
	 * Redis outlive its last health check: the names of a node that died become free, and
	 * the calls waiting for it fail with 'wamp.error.canceled', that long after it
	 * stopped answering.
	 */
	public record Redis(@DefaultValue(RedisBroker.DEFAULT_CHANNEL_PREFIX) String channelPrefix,
			@DefaultValue("2s") Duration commandTimeout, @DefaultValue("1s") Duration healthCheckInterval,
			@DefaultValue("100ms") Duration reconnectMinBackoff, @DefaultValue("5s") Duration reconnectMaxBackoff,
			@DefaultValue("10000") int maxPendingPublishes, @DefaultValue("10s") Duration failureLogInterval,
			@DefaultValue(RedisBroker.DEFAULT_CALLEE_PREFIX) String calleePrefix,
			@DefaultValue("5s") Duration calleeTtl) {
	}
}
