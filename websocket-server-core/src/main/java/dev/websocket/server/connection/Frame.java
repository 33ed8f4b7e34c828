package dev.websocket.server.connection;

import java.nio.charset.StandardCharsets;

/**
 * One outbound WebSocket data or control frame. Close is not a frame here: a connection
 * ends its outbound stream and reports its {@link CloseStatus} instead.
 */
public sealed interface Frame {

	/** The size this frame counts for in the outbound queue's byte limit. */
	int size();

	/**
	 * Creates a text frame, encoding it to UTF-8 once: a broadcast hands the same frame,
	 * and so the same bytes, to every subscriber, and transports write
	 * {@link Text#utf8()} without encoding the text again per connection. UTF-8 cannot
	 * carry a lone UTF-16 surrogate (Java's encoder writes {@code ?} for it), so the text
	 * must not hold one: the WAMP codec escapes them in the JSON it writes.
	 * @param text the payload
	 * @return the frame
	 */
	static Text text(String text) {
		return new Text(text, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A text frame; one instance may be shared by every subscriber of a broadcast, so
	 * neither it nor its bytes may be modified.
	 *
	 * @param text the payload
	 * @param utf8 the payload encoded as UTF-8, what goes on the wire
	 */
	record Text(String text, byte[] utf8) implements Frame {

		@Override
		public int size() {
			return utf8.length;
		}
	}

	/** A binary frame. @param data the payload */
	record Binary(byte[] data) implements Frame {
		@Override
		public int size() {
			return data.length;
		}
	}

	/** A ping frame. @param data the payload, at most 125 bytes */
	record Ping(byte[] data) implements Frame {
		@Override
		public int size() {
			return data.length;
		}
	}

	/** A pong frame. @param data the payload, at most 125 bytes */
	record Pong(byte[] data) implements Frame {
		@Override
		public int size() {
			return data.length;
		}
	}

}
