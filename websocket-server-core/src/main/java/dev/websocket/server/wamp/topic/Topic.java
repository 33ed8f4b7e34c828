package dev.websocket.server.wamp.topic;

import java.util.Set;

import dev.websocket.server.wamp.WampConnection;
import org.jspecify.annotations.Nullable;

/**
 * A topic on this node and its local subscribers. Broadcasting serializes the EVENT frame
 * once and hands the same text to every receiving subscriber. Broadcasts reach local
 * subscribers only; to reach every node, publish through the broker.
 */
public interface Topic {

	/** The topic's full URI. */
	String uri();

	/** A snapshot of the local subscribers. */
	Set<WampConnection> subscribers();

	/** The number of local subscribers. */
	int size();

	/**
	 * Sends {@code [8, uri, event]} to every local subscriber.
	 * @param event the payload
	 * @return the number of subscribers it was queued for
	 */
	default int broadcast(@Nullable Object event) {
		return broadcast(event, Set.of(), null);
	}

	/**
	 * Sends {@code [8, uri, event]} to the local subscribers in
	 * {@code (subscribers - exclude) ∩ eligible}.
	 * @param event the payload
	 * @param exclude session ids to skip
	 * @param eligible session ids to deliver to; {@code null} means everyone
	 * @return the number of subscribers it was queued for
	 */
	int broadcast(@Nullable Object event, Set<String> exclude, @Nullable Set<String> eligible);

}
