package dev.websocket.server.spring.event;

import dev.websocket.server.wamp.WampConnection;

/** A connection subscribed to a topic. */
public final class WampSubscribedEvent extends WampConnectionEvent {

	private final String topicUri;

	/**
	 * @param connection the subscriber
	 * @param topicUri the topic's full URI
	 */
	public WampSubscribedEvent(WampConnection connection, String topicUri) {
		super(connection);
		this.topicUri = topicUri;
	}

	/** The topic's full URI. */
	public String getTopicUri() {
		return this.topicUri;
	}

}
