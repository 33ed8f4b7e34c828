package dev.websocket.server.connection;

/**
 * A {@link Connection} over WebSocket, which can also send binary and control frames.
 * Every frame goes through the connection's bounded outbound queue.
 */
public interface WebSocketConnection extends Connection {

	/**
	 * Queues a frame. Ignored once the connection is closing.
	 * @param frame the frame
	 */
	void send(Frame frame);

	/** Queues a binary frame. @param data the payload */
	default void sendBinary(byte[] data) {
		send(new Frame.Binary(data));
	}

	/** Queues a ping frame. @param data the payload, at most 125 bytes */
	default void ping(byte[] data) {
		send(new Frame.Ping(data));
	}

	/** Queues a pong frame. @param data the payload, at most 125 bytes */
	default void pong(byte[] data) {
		send(new Frame.Pong(data));
	}

	/** Whether the connection is closing or closed; once true, nothing more is sent. */
	boolean isClosing();

}
