package dev.websocket.server.wamp2.codec;

/**
 * Thrown when a frame is not a valid WAMP v2 message from a client; the router answers it
 * with ABORT {@code wamp.error.protocol_violation}. The message names the violation and
 * is safe to send to the client (it never echoes the payload).
 */
public final class Wamp2ProtocolException extends RuntimeException {

	public Wamp2ProtocolException(String message) {
		super(message, null, false, false);
	}

	@Override
	public String getMessage() {
		String message = super.getMessage();
		return (message != null) ? message : "protocol violation";
	}

}
