package dev.websocket.server.spring.push;

import java.util.Collection;
import java.util.Set;

import dev.websocket.server.engine.WampServer;
import dev.websocket.server.wamp.topic.Publication;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Pushes WAMP events from anywhere in the application (a REST controller, a scheduled
 * job). Every method publishes through {@link WampServer#publish}, so the broker carries
 * the event to every node; it reaches only connections subscribed to the topic. Nothing
 * happens until the returned {@code Mono} is subscribed.
 */
public class WampTemplate {

	private final WampServer server;

	/**
	 * @param server the server to publish through
	 */
	public WampTemplate(WampServer server) {
		this.server = server;
	}

	/**
	 * Publishes to every subscriber of a topic.
	 * @param topicUri the topic's full URI
	 * @param event the payload, written by the server's Jackson mapper
	 * @return completes once handed to the broker
	 */
	public Mono<Void> publish(String topicUri, @Nullable Object event) {
		return this.server.publish(new Publication(topicUri, event));
	}

	/**
	 * Publishes to the subscribers in {@code (subscribers - exclude) ∩ eligible}.
	 * @param topicUri the topic's full URI
	 * @param event the payload
	 * @param exclude session ids to skip
	 * @param eligible session ids to deliver to; {@code null} means every subscriber
	 * @return completes once handed to the broker
	 */
	public Mono<Void> publish(String topicUri, @Nullable Object event, Set<String> exclude,
			@Nullable Set<String> eligible) {
		return this.server.publish(new Publication(topicUri, event, exclude, eligible, null));
	}

	/**
	 * Publishes to the given sessions, those of them subscribed to the topic.
	 * @param topicUri the topic's full URI
	 * @param event the payload
	 * @param sessionIds the WAMP session ids to deliver to
	 * @return completes once handed to the broker
	 */
	public Mono<Void> publishToSessions(String topicUri, @Nullable Object event, Collection<String> sessionIds) {
		if (sessionIds.isEmpty()) {
			return Mono.empty();
		}
		return this.server.publish(new Publication(topicUri, event, Set.of(), Set.copyOf(sessionIds), null));
	}

	/**
	 * Publishes to every session of a user (by principal name) subscribed to the topic,
	 * on any node.
	 * @param user the principal name
	 * @param topicUri the topic's full URI
	 * @param event the payload
	 * @return completes once handed to the broker
	 */
	public Mono<Void> publishToUser(String user, String topicUri, @Nullable Object event) {
		return this.server.publish(new Publication(topicUri, event, Set.of(), null, user));
	}

}
