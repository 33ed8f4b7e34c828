package dev.websocket.server.client;

import dev.websocket.server.connection.CloseStatus;

/**
 * The connection closed before an answer arrived (a pending CALL) or before an operation
 * was sent.
 */
public final class WampConnectionClosedException extends RuntimeException {

	private final CloseStatus closeStatus;

	/**
	 * @param closeStatus how the connection closed
	 */
	public WampConnectionClosedException(CloseStatus closeStatus) {
		super("Connection closed (" + closeStatus.code()
				+ (closeStatus.reason().isEmpty() ? "" : " " + closeStatus.reason()) + ")", null, false, false);
		this.closeStatus = closeStatus;
	}

	/** How the connection closed. */
	public CloseStatus closeStatus() {
		return closeStatus;
	}

}
