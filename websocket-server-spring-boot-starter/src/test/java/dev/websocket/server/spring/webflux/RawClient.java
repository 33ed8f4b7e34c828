package dev.websocket.server.spring.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.websocket.server.connection.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A raw WebSocket client on the JDK's HTTP client, for what a WAMP client cannot do: send
 * arbitrary text or oversized frames, or stop reading (demand stays at what was
 * requested).
 */
final class RawClient {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final WebSocket socket;

	private final BlockingQueue<String> texts;

	private final BlockingQueue<byte[]> binaries;

	private final CompletableFuture<CloseStatus> closed;

	private RawClient(WebSocket socket, BlockingQueue<String> texts, BlockingQueue<byte[]> binaries,
			CompletableFuture<CloseStatus> closed) {
		this.socket = socket;
		this.texts = texts;
		this.binaries = binaries;
		this.closed = closed;
	}

	static RawClient connect(URI uri) {
		return connect(uri, Map.of(), List.of("wamp"), true);
	}

	/**
	 * @param reading whether to keep reading; when false only the first message (WELCOME)
	 * is read
	 */
	static RawClient connect(URI uri, Map<String, String> headers, List<String> subprotocols, boolean reading) {
		return connect(HttpClient.newHttpClient(), uri, headers, subprotocols, reading);
	}

	static RawClient connect(HttpClient http, URI uri, Map<String, String> headers, List<String> subprotocols,
			boolean reading) {
		BlockingQueue<String> texts = new LinkedBlockingQueue<>();
		BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
		CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
		WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
		headers.forEach(builder::header);
		if (!subprotocols.isEmpty()) {
			builder.subprotocols(subprotocols.get(0),
					subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
		}
		WebSocket socket = builder.buildAsync(uri, new Listener(texts, binaries, closed, reading))
			.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
			.join();
		return new RawClient(socket, texts, binaries, closed);
	}

	/** The HTTP status a refused handshake was answered with. */
	static int refusedStatus(URI uri, Map<String, String> headers, List<String> subprotocols) {
		return refusedStatus(HttpClient.newHttpClient(), uri, headers, subprotocols);
	}

	/** The HTTP status a refused handshake was answered with. */
	static int refusedStatus(HttpClient http, URI uri, Map<String, String> headers, List<String> subprotocols) {
		try {
			connect(http, uri, headers, subprotocols, true).abort();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw ex;
		}
		throw new AssertionError("handshake was accepted");
	}

	String subprotocol() {
		return this.socket.getSubprotocol();
	}

	void send(String text) {
		this.socket.sendText(text, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	void sendBinary(byte[] data) {
		this.socket.sendBinary(ByteBuffer.wrap(data), true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	/** Sends one message as fragments of the given texts. */
	void sendFragments(String... parts) {
		for (int i = 0; i < parts.length; i++) {
			this.socket.sendText(parts[i], i == parts.length - 1)
				.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
				.join();
		}
	}

	/** The next text message, waiting at most {@link #TIMEOUT}. */
	String next() {
		try {
			String text = this.texts.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(text).as("a message within " + TIMEOUT).isNotNull();
			return text;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The next message that starts with the prefix, skipping others. */
	String nextStartingWith(String prefix) {
		while (true) {
			String text = next();
			if (text.startsWith(prefix)) {
				return text;
			}
		}
	}

	BlockingQueue<String> texts() {
		return this.texts;
	}

	/** The next binary message, waiting at most {@link #TIMEOUT}. */
	byte[] nextBinary() {
		try {
			byte[] data = this.binaries.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(data).as("a binary message within " + TIMEOUT).isNotNull();
			return data;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	BlockingQueue<byte[]> binaries() {
		return this.binaries;
	}

	CloseStatus awaitClose() {
		return this.closed.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	CompletableFuture<CloseStatus> closed() {
		return this.closed;
	}

	void close() {
		this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
	}

	void abort() {
		this.socket.abort();
	}

	private static final class Listener implements WebSocket.Listener {

		private final BlockingQueue<String> texts;

		private final BlockingQueue<byte[]> binaries;

		private final CompletableFuture<CloseStatus> closed;

		private final boolean reading;

		private final StringBuilder partial = new StringBuilder();

		private final java.io.ByteArrayOutputStream partialBinary = new java.io.ByteArrayOutputStream();

		Listener(BlockingQueue<String> texts, BlockingQueue<byte[]> binaries, CompletableFuture<CloseStatus> closed,
				boolean reading) {
			this.texts = texts;
			this.binaries = binaries;
			this.closed = closed;
			this.reading = reading;
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				this.texts.add(this.partial.toString());
				this.partial.setLength(0);
			}
			if (this.reading) {
				webSocket.request(1);
			}
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.partialBinary.writeBytes(bytes);
			if (last) {
				this.binaries.add(this.partialBinary.toByteArray());
				this.partialBinary.reset();
			}
			if (this.reading) {
				webSocket.request(1);
			}
			return null;
		}

		@Override
		public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			if (this.reading) {
				webSocket.request(1);
			}
			return null;
		}

		@Override
		public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(new CloseStatus(statusCode, reason));
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.complete(new CloseStatus(1006, String.valueOf(error)));
		}

	}

}
