package dev.websocket.server.spring.event;

import dev.websocket.server.wamp.WampConnection;

/** A connection passed the handshake and got its WELCOME. */
public final class WampConnectionOpenedEvent extends WampConnectionEvent {

	/**
	 * @param connection the new connection
	 */
	public WampConnectionOpenedEvent(WampConnection connection) {
		super(connection);
	}

}
