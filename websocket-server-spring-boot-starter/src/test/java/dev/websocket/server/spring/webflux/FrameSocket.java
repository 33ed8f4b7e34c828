package dev.websocket.server.spring.webflux;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client on a plain TCP socket, for what no WebSocket library sends: crafted
 * upgrade requests (wrong version, short key, several protocol headers, drip-fed bytes),
 * frames with RSV bits, invalid UTF-8 and invalid close codes. It reports exactly what
 * came back: the HTTP status and headers, each frame, and whether the server closed the
 * TCP connection without a close frame.
 */
final class FrameSocket implements AutoCloseable {

	static final int TEXT = 0x1;

	static final int CLOSE = 0x8;

	static final int PING = 0x9;

	static final int CONTINUATION = 0x0;

	/** A valid key: the base64 of 16 bytes. */
	static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private FrameSocket(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	static FrameSocket connect(int port) {
		try {
			Socket socket = new Socket("127.0.0.1", port);
			socket.setSoTimeout((int) RawClient.TIMEOUT.toMillis());
			socket.setTcpNoDelay(true);
			return new FrameSocket(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Connects and completes a valid handshake offering {@code wamp}. */
	static FrameSocket open(int port) {
		FrameSocket socket = connect(port);
		Response response = socket.upgrade(Map.of("Sec-WebSocket-Protocol", List.of("wamp")));
		if (response.status() != 101) {
			throw new IllegalStateException("handshake refused: " + response);
		}
		return socket;
	}

	/** The upgrade request for {@code /ws} with these extra headers (each may repeat). */
	static String request(Map<String, List<String>> headers) {
		Map<String, List<String>> all = new LinkedHashMap<>();
		all.put("Host", List.of("localhost"));
		all.put("Upgrade", List.of("websocket"));
		all.put("Connection", List.of("Upgrade"));
		all.put("Sec-WebSocket-Key", List.of(KEY));
		all.put("Sec-WebSocket-Version", List.of("13"));
		all.putAll(headers);
		StringBuilder request = new StringBuilder("GET /ws HTTP/1.1\r\n");
		all.forEach((name, values) -> values
			.forEach((value) -> request.append(name).append(": ").append(value).append("\r\n")));
		return request.append("\r\n").toString();
	}

	/** Sends the upgrade request and reads the response head. */
	Response upgrade(Map<String, List<String>> headers) {
		write(request(headers).getBytes(StandardCharsets.US_ASCII));
		return readResponse();
	}

	void write(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes, reporting instead of throwing when the server has closed the connection.
	 */
	boolean tryWrite(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	Response readResponse() {
		try {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				int b = this.in.read();
				if (b < 0) {
					throw new IllegalStateException("connection closed before the response head");
				}
				head.write(b);
			}
			String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers
						.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
								(name) -> new ArrayList<>())
						.add(lines[i].substring(colon + 1).trim());
				}
			}
			return new Response(status, headers);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Reads and discards a response body of this length. */
	void skip(int length) {
		try {
			this.in.readNBytes(length);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Sends one masked frame; {@code first} is the first header byte (FIN, RSV, opcode).
	 */
	void sendFrame(int first, byte[] payload) {
		write(frame(first, payload));
	}

	void sendText(String text) {
		sendFrame(0x80 | TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	/** Sends a close frame with this code and reason. */
	void sendClose(int code, String reason) {
		byte[] text = reason.getBytes(StandardCharsets.UTF_8);
		sendFrame(0x80 | CLOSE, ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array());
	}

	static byte[] frame(int first, byte[] payload) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(first);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else if (payload.length < 65536) {
			frame.write(0x80 | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length & 0xFF);
		}
		else {
			frame.write(0x80 | 127);
			frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		frame.writeBytes(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i % 4]);
		}
		return frame.toByteArray();
	}

	/** The next frame, or {@code null} when the server closed the TCP connection. */
	@Nullable Frame readFrame() {
		try {
			int first = this.in.read();
			if (first < 0) {
				return null;
			}
			int second = this.in.read();
			long length = second & 0x7F;
			if (length == 126) {
				length = (this.in.read() << 8) | this.in.read();
			}
			else if (length == 127) {
				length = ByteBuffer.wrap(this.in.readNBytes(8)).getLong();
			}
			byte[] payload = this.in.readNBytes((int) length);
			return new Frame(first & 0x0F, (first & 0x70) >> 4, payload);
		}
		catch (SocketTimeoutException ex) {
			throw new IllegalStateException("no frame within " + RawClient.TIMEOUT, ex);
		}
		catch (IOException ex) {
			// a reset counts as closed
			return null;
		}
	}

	/** The next text frame's text, skipping pings. */
	String nextText() {
		while (true) {
			Frame frame = readFrame();
			if (frame == null) {
				throw new IllegalStateException("closed while waiting for a text frame");
			}
			if (frame.opcode() == TEXT) {
				return frame.text();
			}
			if (frame.opcode() == CLOSE) {
				throw new IllegalStateException("closed with " + frame.closeCode() + " waiting for a text frame");
			}
		}
	}

	/**
	 * Reads until the server's close frame and then the end of the TCP stream: the close
	 * code, or -1 when the TCP connection ended without a close frame.
	 */
	int awaitCloseCode() {
		while (true) {
			Frame frame = readFrame();
			if (frame == null) {
				return -1;
			}
			if (frame.opcode() == CLOSE) {
				return frame.closeCode();
			}
		}
	}

	/**
	 * Whether the server closes the TCP connection (reading, and discarding, all else).
	 */
	boolean awaitEndOfStream() {
		try {
			while (this.in.read() >= 0) {
				// discard
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/** An HTTP response head. */
	record Response(int status, Map<String, List<String>> headers) {

		@Nullable String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values != null) ? values.get(0) : null;
		}

	}

	/** A frame the server sent. */
	record Frame(int opcode, int rsv, byte[] payload) {

		String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

		/** The close code of a close frame, 1005 when it has none. */
		int closeCode() {
			return (this.payload.length >= 2) ? ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF) : 1005;
		}

	}

}
