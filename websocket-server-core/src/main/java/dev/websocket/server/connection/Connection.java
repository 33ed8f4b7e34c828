package dev.websocket.server.connection;

/**
 * One client connection, whatever the transport: it sends text, closes, and carries
 * arbitrary per-connection data in its {@link AttributeStore}.
 *
 * <p>
 * Once {@link Attributes#WEBSOCKET_CLOSING} is set, nothing more is sent and {@code send}
 * silently drops its argument. Closing happens once; later calls are no-ops.
 */
public interface Connection {

	/**
	 * Queues a text message for the client.
	 * @param data the text, usually a serialized WAMP message
	 */
	void send(String data);

	/** Closes normally (1000) once every queued message has been written. */
	void close();

	/**
	 * Closes with the given status once every queued message has been written.
	 * @param code a WebSocket close code, see {@link CloseCodes}
	 * @param reason a short reason (at most 123 bytes of UTF-8 are sent)
	 */
	void close(int code, String reason);

	/** Per-connection data; thread-safe. */
	AttributeStore attributes();

}
