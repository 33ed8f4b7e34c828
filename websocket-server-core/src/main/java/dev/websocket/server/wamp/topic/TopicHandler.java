package dev.websocket.server.wamp.topic;

import java.util.Map;

import dev.websocket.server.wamp.WampConnection;
import org.jspecify.annotations.Nullable;

/**
 * Handles the topics of one URI pattern. Every method has a default, so a handler
 * overrides only what it needs. Methods run on the thread that received the message and
 * must not block.
 */
public interface TopicHandler {

	/**
	 * Called before a connection is added to a topic's subscribers.
	 * @param connection the subscriber
	 * @param topic the topic (it may have no subscribers yet)
	 * @param variables the pattern's variables
	 * @return {@code false} to refuse the subscription (nothing is registered)
	 */
	default boolean onSubscribe(WampConnection connection, Topic topic, Map<String, String> variables) {
		return true;
	}

	/**
	 * Called after a connection left a topic, by UNSUBSCRIBE or by closing.
	 * @param connection the former subscriber
	 * @param topic the topic
	 * @param variables the pattern's variables
	 */
	default void onUnsubscribe(WampConnection connection, Topic topic, Map<String, String> variables) {
	}

	/**
	 * Called for each PUBLISH from a client. The default delivers the publication as it
	 * is.
	 * @param publisher the publishing connection
	 * @param topic the topic on this node (it may have no local subscribers)
	 * @param publication what the client asked for, exclude and eligible resolved to
	 * session ids
	 * @param variables the pattern's variables
	 * @return what to deliver (possibly transformed), or {@code null} to drop it
	 */
	default @Nullable Publication onPublish(WampConnection publisher, Topic topic, Publication publication,
			Map<String, String> variables) {
		return publication;
	}

	/**
	 * Periodic work for each topic of this pattern, run on this node while that topic has
	 * local subscribers, once per topic.
	 * @return the task, or {@code null} for none
	 */
	default @Nullable PeriodicTask periodicTask() {
		return null;
	}

}
