package dev.websocket.server.connection;

/**
 * One outbound WebSocket data or control frame. Close is not a frame here: a connection
 * ends its outbound stream and reports its {@link CloseStatus} instead.
 */
public sealed interface Frame {

	/** The size this frame counts for in the outbound queue's byte limit. */
	int size();

	/** Creates a text frame, measuring its UTF-8 size once. */
	static Text text(String text) {
		return new Text(text, utf8Length(text));
	}

	/**
	 * A text frame; one instance may be shared by every subscriber of a broadcast.
	 * @param text the payload
	 * @param size its UTF-8 length in bytes
	 */
	record Text(String text, int size) implements Frame {
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

	private static int utf8Length(String s) {
		int n = s.length();
		int bytes = n;
		for (int i = 0; i < n; i++) {
			char c = s.charAt(i);
			if (c >= 0x80) {
				if (c < 0x800) {
					bytes += 1;
				}
				else if (Character.isHighSurrogate(c)) {
					bytes += 2;
					i++;
				}
				else {
					bytes += 2;
				}
			}
		}
		return bytes;
	}
}
