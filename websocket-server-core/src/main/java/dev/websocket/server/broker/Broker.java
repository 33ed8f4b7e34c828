package dev.websocket.server.broker;

import dev.websocket.server.wamp.topic.Publication;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Carries publications to every node that shares topics, this one included. The server
 * calls {@link #start} once, then {@link #topicAdded} / {@link #topicRemoved} as local
 * interest in a topic appears and disappears, so a distributed broker can listen only to
 * topics with local subscribers.
 *
 * <p>
 * Implementations must deliver a node's own publications to its local subscribers even
 * when the shared medium is down, keep one publisher's publications in order, and never
 * block the calling thread. Implementations log their own failures (rate-limited); the
 * engine logs a failed publish only at DEBUG.
 */
public interface Broker {

	/**
	 * Starts the broker; called once before any other method.
	 * @param localDelivery hands a publication to this node's subscribers
	 */
	void start(LocalDelivery localDelivery);

	/**
	 * Publishes to every node. Local subscribers receive it no later than when the
	 * returned {@code Mono} completes; it fails only when the publication could not reach
	 * other nodes.
	 * @param publication what to deliver
	 * @return completes once handed on
	 */
	Mono<Void> publish(Publication publication);

	/**
	 * A topic got its first local subscriber.
	 * @param topicUri the topic
	 */
	default void topicAdded(String topicUri) {
	}

	/**
	 * A topic lost its last local subscriber.
	 * @param topicUri the topic
	 */
	default void topicRemoved(String topicUri) {
	}

	/**
	 * A WAMP v2 pattern subscription got its first local subscriber: publications on
	 * other nodes to topics it matches should reach this node. A broker that listens per
	 * topic listens to the pattern's topics too; the engine matches exactly, so a broker
	 * may deliver more than the pattern matches.
	 * @param match {@code prefix} or {@code wildcard}
	 * @param pattern the pattern
	 */
	default void patternAdded(String match, String pattern) {
	}

	/**
	 * A WAMP v2 pattern subscription lost its last local subscriber.
	 * @param match {@code prefix} or {@code wildcard}
	 * @param pattern the pattern
	 */
	default void patternRemoved(String match, String pattern) {
	}

	/**
	 * Whether the broker can reach the other nodes (always true for the in-memory
	 * broker).
	 */
	default boolean isAvailable() {
		return true;
	}

	/**
	 * What carries calls to client-registered procedures between nodes, or {@code null}
	 * when registrations stay on this node (the in-memory broker).
	 */
	default @Nullable CalleeRelay callees() {
		return null;
	}

	/** Stops the broker, releasing its resources. */
	default void stop() {
	}

	/** Delivers a publication to the local subscribers of its topic. */
	@FunctionalInterface
	interface LocalDelivery {

		/**
		 * @param publication what to deliver
		 * @return the number of local subscribers it was queued for
		 */
		int deliver(Publication publication);

	}

}
