package dev.websocket.server.client;

import org.jspecify.annotations.Nullable;

/**
 * The server refused the WebSocket handshake, or answered it with something other than a
 * WAMP v1 WELCOME. {@link #status()} is the HTTP status of a refused upgrade.
 */
public final class WampHandshakeException extends RuntimeException {

	private final int status;

	/**
	 * @param status the HTTP status of the refusal, or {@code -1} when the upgrade itself
	 * succeeded
	 * @param message what went wrong
	 * @param cause the underlying failure, if any
	 */
	public WampHandshakeException(int status, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.status = status;
	}

	/**
	 * The HTTP status the server answered the upgrade request with, or {@code -1} when
	 * not known.
	 */
	public int status() {
		return status;
	}

}
