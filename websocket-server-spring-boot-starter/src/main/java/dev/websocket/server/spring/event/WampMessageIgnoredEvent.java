package dev.websocket.server.spring.event;

import dev.websocket.server.engine.WampServerListener.IgnoredReason;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.message.WampMessage;

/**
 * A SUBSCRIBE, UNSUBSCRIBE, PUBLISH or PREFIX was ignored, as WAMP v1 has no reply for
 * it: no topic matches, the authorization hook or the topic refused it, or a limit was
 * reached.
 */
public final class WampMessageIgnoredEvent extends WampConnectionEvent {

	private final WampMessage message;

	private final IgnoredReason reason;

	/**
	 * @param connection the sender
	 * @param message the ignored message
	 * @param reason why it was ignored
	 */
	public WampMessageIgnoredEvent(WampConnection connection, WampMessage message, IgnoredReason reason) {
		super(connection);
		this.message = message;
		this.reason = reason;
	}

	/** The ignored message. */
	public WampMessage getMessage() {
		return this.message;
	}

	/** Why it was ignored. */
	public IgnoredReason getReason() {
		return this.reason;
	}

}
