package dev.websocket.server.spring.event;

import dev.websocket.server.wamp.WampConnection;

/** A connection left a topic, by UNSUBSCRIBE or by closing. */
public final class WampUnsubscribedEvent extends WampConnectionEvent {

	private final String topicUri;

	/**
	 * @param connection the former subscriber
	 * @param topicUri the topic's full URI
	 */
	public WampUnsubscribedEvent(WampConnection connection, String topicUri) {
		super(connection);
		this.topicUri = topicUri;
	}

	/** The topic's full URI. */
	public String getTopicUri() {
		return this.topicUri;
	}

}
