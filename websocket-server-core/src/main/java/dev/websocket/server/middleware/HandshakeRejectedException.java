package dev.websocket.server.middleware;

/**
 * Thrown from {@link Middleware#onOpen} to refuse a handshake; the transport answers the
 * upgrade request with {@link #status()} and no WebSocket is established.
 */
public final class HandshakeRejectedException extends RuntimeException {

	private final int status;

	private final Reason reason;

	/**
	 * @param status the HTTP status, such as 403
	 * @param reason why, for events and metrics
	 * @param message a description for logs (not sent to the client)
	 */
	public HandshakeRejectedException(int status, Reason reason, String message) {
		super(message, null, false, false);
		this.status = status;
		this.reason = reason;
	}

	/** The HTTP status to answer with. */
	public int status() {
		return status;
	}

	/** Why the handshake was refused. */
	public Reason reason() {
		return reason;
	}

	/** Why a handshake was refused. */
	public enum Reason {

		/** The client's address is blocked or not allowed. */
		ADDRESS,
		/** The {@code Origin} header is not allowed. */
		ORIGIN,
		/** The client did not offer the {@code wamp} subprotocol. */
		SUBPROTOCOL,
		/** The server is at its connection limit or shutting down. */
		UNAVAILABLE,
		/** Refused by the authorization hook or a user layer. */
		FORBIDDEN,
		/**
		 * The upgrade request is malformed: an unsupported WebSocket version, a key that
		 * is not 16 bytes in base64.
		 */
		BAD_REQUEST,
		/** The client's address started more handshakes per second than allowed. */
		RATE_LIMITED,
		/** The client's address has as many connections open as allowed. */
		TOO_MANY_CONNECTIONS

	}

}
