package dev.websocket.server.wamp.codec;

/**
 * Thrown when a text is not a valid WAMP v1 message. The message names the violation and
 * is safe to send to the client as a close reason (it never echoes more than a short
 * excerpt).
 */
public final class WampProtocolException extends RuntimeException {

	public WampProtocolException(String message) {
		super(message, null, false, false);
	}

}
