package dev.websocket.server.spring.event;

import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.wamp.WampConnection;

/** A connection closed; published once per opened connection. */
public final class WampConnectionClosedEvent extends WampConnectionEvent {

	private final CloseStatus status;

	/**
	 * @param connection the connection
	 * @param status the close status (1006 when the socket dropped without one)
	 */
	public WampConnectionClosedEvent(WampConnection connection, CloseStatus status) {
		super(connection);
		this.status = status;
	}

	/** The close status. */
	public CloseStatus getStatus() {
		return this.status;
	}

	/** The close code. */
	public int getCode() {
		return this.status.code();
	}

	/** The close reason, possibly empty. */
	public String getReason() {
		return this.status.reason();
	}

}
