package dev.websocket.server.spring.event;

import dev.websocket.server.wamp.WampConnection;

/**
 * An error occurred on a connection: a protocol violation, a handler failure, a transport
 * error.
 */
public final class WampErrorEvent extends WampConnectionEvent {

	private final Throwable error;

	/**
	 * @param connection the connection
	 * @param error the error
	 */
	public WampErrorEvent(WampConnection connection, Throwable error) {
		super(connection);
		this.error = error;
	}

	/** The error. */
	public Throwable getError() {
		return this.error;
	}

}
