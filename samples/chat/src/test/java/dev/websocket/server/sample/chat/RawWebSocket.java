package dev.websocket.server.sample.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A plain JDK WebSocket for the tests that must send what a WAMP client never would: it
 * records every text message and the close status.
 */
final class RawWebSocket implements WebSocket.Listener {

	private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private WebSocket socket;

	private String sessionId;

	/** Opens a socket offering the given subprotocols. */
	static RawWebSocket open(URI uri, List<String> subprotocols, Consumer<WebSocket.Builder> customizer) {
		RawWebSocket listener = new RawWebSocket();
		WebSocket.Builder builder = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10));
		if (!subprotocols.isEmpty()) {
			builder.subprotocols(subprotocols.get(0),
					subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
		}
		customizer.accept(builder);
		listener.socket = builder.buildAsync(uri, listener).orTimeout(10, TimeUnit.SECONDS).join();
		return listener;
	}

	static RawWebSocket openWamp(URI uri) {
		return open(uri, List.of("wamp"), (builder) -> {
		});
	}

	/** The session id of the WELCOME, once {@link #welcomed(String)} recorded it. */
	String sessionId() {
		return sessionId;
	}

	void welcomed(String sessionId) {
		this.sessionId = sessionId;
	}

	void send(String text) {
		socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
	}

	/** The next text message, waiting up to ten seconds. */
	String next() throws InterruptedException {
		String message = messages.poll(10, TimeUnit.SECONDS);
		if (message == null) {
			throw new AssertionError("No message within 10 seconds");
		}
		return message;
	}

	BlockingQueue<String> messages() {
		return messages;
	}

	/** The close code the server sent, waiting up to ten seconds. */
	int closeCode() {
		return closeCode.orTimeout(10, TimeUnit.SECONDS).join();
	}

	void abort() {
		socket.abort();
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		partial.append(data);
		if (last) {
			messages.add(partial.toString());
			partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		closeCode.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		closeCode.completeExceptionally(error);
	}

}
