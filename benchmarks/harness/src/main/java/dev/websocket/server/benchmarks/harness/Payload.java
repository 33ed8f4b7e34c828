package dev.websocket.server.benchmarks.harness;

import io.netty.buffer.ByteBuf;

/**
 * The benchmark payload, a small JSON object carried as the WAMP event, the STOMP body or
 * the echo argument: {@code {"bp":publisher,"bs":sequence,"bt":nanoTime,"bx":"padding"}}.
 * Fields are found in received frames by scanning bytes, so the load generator spends
 * little on parsing.
 */
final class Payload {

	static final long MISSING = Long.MIN_VALUE;

	private static final byte[] PUBLISHER = "\"bp\":".getBytes();

	private static final byte[] SEQUENCE = "\"bs\":".getBytes();

	private static final byte[] TIME = "\"bt\":".getBytes();

	private Payload() {
	}

	/**
	 * The JSON text, padded so that it is {@code size} bytes long when the numbers are
	 * short.
	 * @param publisher the publisher's index
	 * @param sequence the sequence number (negative for probes)
	 * @param nanos the send time
	 * @param size the target length
	 */
	static String json(int publisher, long sequence, long nanos, int size) {
		StringBuilder json = new StringBuilder(size + 32);
		json.append("{\"bp\":")
			.append(publisher)
			.append(",\"bs\":")
			.append(sequence)
			.append(",\"bt\":")
			.append(nanos)
			.append(",\"bx\":\"");
		int padding = size - json.length() - 2;
		for (int i = 0; i < padding; i++) {
			json.append('x');
		}
		return json.append("\"}").toString();
	}

	static long publisher(ByteBuf buf) {
		return number(buf, PUBLISHER);
	}

	static long sequence(ByteBuf buf) {
		return number(buf, SEQUENCE);
	}

	static long time(ByteBuf buf) {
		return number(buf, TIME);
	}

	/** Whether the readable bytes start with {@code prefix}. */
	static boolean startsWith(ByteBuf buf, String prefix) {
		int start = buf.readerIndex();
		if (buf.readableBytes() < prefix.length()) {
			return false;
		}
		for (int i = 0; i < prefix.length(); i++) {
			if (buf.getByte(start + i) != prefix.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private static long number(ByteBuf buf, byte[] key) {
		int start = buf.readerIndex();
		int end = buf.writerIndex() - key.length;
		outer: for (int i = start; i <= end; i++) {
			for (int k = 0; k < key.length; k++) {
				if (buf.getByte(i + k) != key[k]) {
					continue outer;
				}
			}
			int j = i + key.length;
			boolean negative = false;
			if (j < buf.writerIndex() && buf.getByte(j) == '-') {
				negative = true;
				j++;
			}
			long value = 0;
			int digits = 0;
			while (j < buf.writerIndex()) {
				byte b = buf.getByte(j);
				if (b < '0' || b > '9') {
					break;
				}
				value = value * 10 + (b - '0');
				j++;
				digits++;
			}
			return (digits == 0) ? MISSING : (negative ? -value : value);
		}
		return MISSING;
	}

}
