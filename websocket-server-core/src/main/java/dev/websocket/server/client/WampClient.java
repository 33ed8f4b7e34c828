package dev.websocket.server.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.wamp.codec.WampCodec;
import dev.websocket.server.wamp.codec.WampProtocolException;
import dev.websocket.server.wamp.message.WampMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import dev.websocket.server.wamp.Curies;
import dev.websocket.server.support.Failures;

/**
 * A WAMP v1 client over the JDK's {@link java.net.http.WebSocket}: RPC calls, publish and
 * subscribe, CURIE prefixes. It needs no dependency beyond this module and is what this
 * project's own tests and benchmarks use.
 *
 * <pre class="code">
 * WampClient client = WampClient.builder(URI.create("ws://localhost:8080/ws"))
 *     .header("Origin", "http://localhost:8080")
 *     .connect()
 *     .block(Duration.ofSeconds(10));
 *
 * JsonNode sum = client.call("sample/sum", 1, 2).block(Duration.ofSeconds(5));
 *
 * client.subscribe("chat/lobby", (event) -&gt; System.out.println(event)).block();
 * client.publish("chat/lobby", Map.of("msg", "hello"), true).block();
 *
 * client.close().block(Duration.ofSeconds(5));
 * </pre>
 *
 * <p>
 * {@link Builder#connect()} offers the {@code wamp} subprotocol and completes only once
 * the server's WELCOME has arrived, so {@link #sessionId()} is known; a refused handshake
 * fails with a {@link WampHandshakeException} carrying the HTTP status. Every operation
 * returns a lazy {@link Mono}: nothing is sent until it is subscribed. Sends are
 * serialized (the JDK WebSocket allows one outstanding send), so the client is safe to
 * use from several threads, and messages reach the server in the order their
 * {@code Mono}s were subscribed.
 *
 * <p>
 * {@link #call} completes with the CALLRESULT's value (JSON {@code null} as
 * {@link NullNode}) or fails with a {@link WampCallException} carrying the CALLERROR's
 * URI, description and details. Calls still pending when the connection closes fail with
 * a {@link WampConnectionClosedException}. Event listeners run one at a time, on the
 * thread that received the message, in the order the events arrived; they should not
 * block.
 *
 * <p>
 * CURIEs: {@link #prefix} defines a prefix on the server and in this client; topics given
 * to {@link #subscribe} may be CURIEs and are expanded with the client's prefixes to
 * match the full URIs the server puts in EVENTs. Server pings are answered by the JDK
 * automatically. Messages the server sends that are not valid WAMP v1 close the
 * connection with 1007.
 */
public final class WampClient {

	private static final Logger logger = LoggerFactory.getLogger(WampClient.class);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private static volatile @Nullable HttpClient sharedHttpClient;

	private final WampCodec codec;

	private final int maxMessageSize;

	private final Map<String, MonoSink<JsonNode>> pendingCalls = new ConcurrentHashMap<>();

	private final Map<String, List<Consumer<JsonNode>>> listeners = new ConcurrentHashMap<>();

	private final Map<String, String> prefixes = new ConcurrentHashMap<>();

	private final AtomicLong callIds = new AtomicLong();

	private final Sinks.One<WampMessage.Welcome> welcome = Sinks.one();

	private final Sinks.One<CloseStatus> closed = Sinks.one();

	private final Object sendLock = new Object();

	private final Queue<PendingSend> sendQueue = new ArrayDeque<>();

	private boolean sending;

	private volatile @Nullable WebSocket webSocket;

	private volatile @Nullable CloseStatus closeStatus;

	private volatile String sessionId = "";

	private volatile String serverIdent = "";

	private WampClient(WampCodec codec, int maxMessageSize) {
		this.codec = codec;
		this.maxMessageSize = maxMessageSize;
	}

	/**
	 * A builder for a connection to a WAMP v1 server.
	 * @param uri the server's {@code ws://} or {@code wss://} URI
	 * @return the builder
	 */
	public static Builder builder(URI uri) {
		return new Builder(uri);
	}

	/**
	 * Connects with the defaults: subprotocol {@code wamp}, a 10 second timeout.
	 * @param uri the server's {@code ws://} or {@code wss://} URI
	 * @return completes with the client once WELCOME has arrived
	 */
	public static Mono<WampClient> connect(URI uri) {
		return builder(uri).connect();
	}

	/** The session id the server sent in WELCOME. */
	public String sessionId() {
		return sessionId;
	}

	/** The server ident the server sent in WELCOME. */
	public String serverIdent() {
		return serverIdent;
	}

	/** The subprotocol the server selected in its handshake response, empty when none. */
	public String subprotocol() {
		WebSocket ws = webSocket;
		return (ws != null) ? ws.getSubprotocol() : "";
	}

	/** Whether the connection has closed (or dropped). */
	public boolean isClosed() {
		return closeStatus != null;
	}

	/**
	 * Calls a remote procedure with {@code [2, callId, procUri, args...]}. Arguments are
	 * converted to JSON with the codec's mapper.
	 * @param procUri the procedure URI or CURIE
	 * @param args the positional arguments
	 * @return the result ({@link NullNode} for JSON null), or a {@link WampCallException}
	 */
	public Mono<JsonNode> call(String procUri, @Nullable Object... args) {
		return Mono.create((sink) -> {
			String callId = Long.toString(callIds.incrementAndGet(), 36);
			List<JsonNode> arguments = new ArrayList<>(args.length);
			for (Object arg : args) {
				arguments.add(toJson(arg));
			}
			String text = codec.encode(new WampMessage.Call(callId, procUri, arguments));
			pendingCalls.put(callId, sink);
			sink.onDispose(() -> pendingCalls.remove(callId));
			CloseStatus status = closeStatus;
			if (status != null) {
				sink.error(new WampConnectionClosedException(status));
				return;
			}
			enqueue((ws) -> ws.sendText(text, true)).whenComplete((ignored, ex) -> {
				if (ex != null) {
					sink.error(Failures.unwrap(ex));
				}
			});
		});
	}

	/**
	 * Calls a remote procedure and converts its result to {@code type} with the codec's
	 * mapper, e.g. {@code client.call("calc/add", Integer.class, 2, 3)}.
	 * @param <T> the result type
	 * @param procUri the procedure URI or CURIE
	 * @param type the result type (a record, a collection, a primitive wrapper, ...); a
	 * {@code null} here is taken as the first argument of an untyped call, since
	 * {@code call(uri, null, ...)} resolves to this method
	 * @param args the positional arguments
	 * @return the converted result (empty for JSON null), a {@link WampCallException}, or
	 * the mapper's exception when the result does not convert
	 */
	@SuppressWarnings("unchecked")
	public <T> Mono<T> call(String procUri, @Nullable Class<T> type, @Nullable Object... args) {
		if (type == null) {
			@Nullable Object[] all = new Object[args.length + 1];
			System.arraycopy(args, 0, all, 1, args.length);
			return (Mono<T>) call(procUri, all);
		}
		return call(procUri, args).handle((result, sink) -> {
			if (!result.isNull()) {
				sink.next(codec.mapper().treeToValue(result, type));
			}
		});
	}

	/**
	 * Subscribes to a topic with {@code [5, topicUri]} and delivers its events to
	 * {@code listener}. Several listeners may subscribe to the same topic.
	 * @param topicUri the topic URI or CURIE
	 * @param listener receives each event's payload ({@link NullNode} for JSON null)
	 * @return completes when SUBSCRIBE was sent
	 */
	public Mono<Void> subscribe(String topicUri, Consumer<JsonNode> listener) {
		return Mono.defer(() -> {
			listeners.computeIfAbsent(expand(topicUri), (key) -> new CopyOnWriteArrayList<>()).add(listener);
			return send(new WampMessage.Subscribe(topicUri));
		});
	}

	/**
	 * Unsubscribes from a topic with {@code [6, topicUri]} and drops every listener of
	 * it.
	 * @param topicUri the topic URI or CURIE
	 * @return completes when UNSUBSCRIBE was sent
	 */
	public Mono<Void> unsubscribe(String topicUri) {
		return Mono.defer(() -> {
			listeners.remove(expand(topicUri));
			return send(new WampMessage.Unsubscribe(topicUri));
		});
	}

	/**
	 * The events of a topic as a stream: subscribing to the {@code Flux} sends SUBSCRIBE,
	 * and cancelling it removes its listener (and sends UNSUBSCRIBE when no other
	 * listener is left).
	 * @param topicUri the topic URI or CURIE
	 * @return the event payloads
	 */
	public Flux<JsonNode> events(String topicUri) {
		return Flux.create((sink) -> {
			String uri = expand(topicUri);
			Consumer<JsonNode> listener = sink::next;
			sink.onDispose(() -> {
				List<Consumer<JsonNode>> remaining = listeners.computeIfPresent(uri, (key, list) -> {
					list.remove(listener);
					return list.isEmpty() ? null : list;
				});
				if (remaining == null && !isClosed()) {
					send(new WampMessage.Unsubscribe(topicUri)).subscribe(null,
							(ex) -> logger.debug("UNSUBSCRIBE failed", ex));
				}
			});
			subscribe(topicUri, listener).subscribe(null, sink::error);
		});
	}

	/**
	 * Publishes {@code [7, topicUri, event]}: delivered to every subscriber, including
	 * this client unless the server is configured otherwise.
	 * @param topicUri the topic URI or CURIE
	 * @param event the payload
	 * @return completes when PUBLISH was sent
	 */
	public Mono<Void> publish(String topicUri, @Nullable Object event) {
		return Mono.defer(() -> send(new WampMessage.Publish(topicUri, toJson(event))));
	}

	/**
	 * Publishes {@code [7, topicUri, event, excludeMe]}.
	 * @param topicUri the topic URI or CURIE
	 * @param event the payload
	 * @param excludeMe whether this client is left out
	 * @return completes when PUBLISH was sent
	 */
	public Mono<Void> publish(String topicUri, @Nullable Object event, boolean excludeMe) {
		return Mono.defer(() -> send(new WampMessage.Publish(topicUri, toJson(event), excludeMe, null, null)));
	}

	/**
	 * Publishes {@code [7, topicUri, event, exclude]}.
	 * @param topicUri the topic URI or CURIE
	 * @param event the payload
	 * @param exclude session ids not to deliver to
	 * @return completes when PUBLISH was sent
	 */
	public Mono<Void> publish(String topicUri, @Nullable Object event, List<String> exclude) {
		return Mono.defer(() -> send(new WampMessage.Publish(topicUri, toJson(event), null, exclude, null)));
	}

	/**
	 * Publishes {@code [7, topicUri, event, exclude, eligible]}.
	 * @param topicUri the topic URI or CURIE
	 * @param event the payload
	 * @param exclude session ids not to deliver to
	 * @param eligible the only session ids to deliver to
	 * @return completes when PUBLISH was sent
	 */
	public Mono<Void> publish(String topicUri, @Nullable Object event, List<String> exclude, List<String> eligible) {
		return Mono.defer(() -> send(new WampMessage.Publish(topicUri, toJson(event), null, exclude, eligible)));
	}

	/**
	 * Defines a CURIE prefix with {@code [1, prefix, uri]}, on the server and in this
	 * client.
	 * @param prefix the prefix, without the colon
	 * @param uri the URI it stands for
	 * @return completes when PREFIX was sent
	 */
	public Mono<Void> prefix(String prefix, String uri) {
		return Mono.defer(() -> {
			prefixes.put(prefix, uri);
			return send(new WampMessage.Prefix(prefix, uri));
		});
	}

	/**
	 * Sends a text frame as is, for tests of malformed input.
	 * @param text the payload
	 * @return completes when sent
	 */
	public Mono<Void> sendRaw(String text) {
		return Mono.defer(() -> Mono.fromFuture(enqueue((ws) -> ws.sendText(text, true))).then());
	}

	/**
	 * Sends a binary frame (which WAMP v1 servers refuse).
	 * @param data the payload
	 * @return completes when sent
	 */
	public Mono<Void> sendBinary(byte[] data) {
		return Mono.defer(() -> Mono.fromFuture(enqueue((ws) -> ws.sendBinary(ByteBuffer.wrap(data), true))).then());
	}

	/**
	 * Completes with the close code and reason the server sent, or
	 * {@link CloseCodes#ABNORMAL 1006} when the connection dropped without a close frame.
	 * @return the close status
	 */
	public Mono<CloseStatus> closed() {
		return closed.asMono();
	}

	/**
	 * Closes normally (1000) and waits for the server's close frame, at most 5 seconds,
	 * after which the connection is aborted.
	 * @return completes once the connection is closed
	 */
	public Mono<Void> close() {
		return Mono.defer(() -> {
			if (isClosed()) {
				return Mono.empty();
			}
			return Mono.fromFuture(enqueue((ws) -> ws.sendClose(CloseCodes.NORMAL, "")))
				.onErrorResume((ex) -> Mono.empty())
				.then(closed.asMono().timeout(CLOSE_TIMEOUT, Mono.fromSupplier(() -> {
					abort();
					return new CloseStatus(CloseCodes.ABNORMAL, "");
				})))
				.then();
		});
	}

	/** Drops the connection at once, without a close handshake. */
	public void abort() {
		WebSocket ws = webSocket;
		if (ws != null) {
			ws.abort();
		}
		onClosed(new CloseStatus(CloseCodes.ABNORMAL, ""));
	}

	private Mono<Void> send(WampMessage message) {
		String text = codec.encode(message);
		return Mono.fromFuture(enqueue((ws) -> ws.sendText(text, true))).then();
	}

	private JsonNode toJson(@Nullable Object value) {
		if (value == null) {
			return NullNode.getInstance();
		}
		if (value instanceof JsonNode node) {
			return node;
		}
		return codec.mapper().valueToTree(value);
	}

	/**
	 * Expands a CURIE with this client's prefixes exactly as the server does (only
	 * {@code http://} and {@code https://} are exempt), so that listeners are keyed by
	 * the URI EVENTs carry.
	 */
	String expand(String curieOrUri) {
		return Curies.expand(curieOrUri, prefixes);
	}

	/**
	 * Queues a send: the JDK WebSocket allows one outstanding send, so sends run one
	 * after the other, in the order they were queued. The returned future completes
	 * outside any lock, so code chained on it may queue further sends.
	 */
	private CompletableFuture<Void> enqueue(Function<WebSocket, CompletableFuture<WebSocket>> operation) {
		PendingSend send = new PendingSend(operation, new CompletableFuture<>());
		boolean start;
		synchronized (sendLock) {
			sendQueue.add(send);
			start = !sending;
			sending = true;
		}
		if (start) {
			drainSends();
		}
		return send.result();
	}

	private void drainSends() {
		while (true) {
			PendingSend next;
			synchronized (sendLock) {
				next = sendQueue.poll();
				if (next == null) {
					sending = false;
					return;
				}
			}
			CompletableFuture<WebSocket> sent = startSend(next.operation());
			if (!sent.isDone()) {
				PendingSend current = next;
				sent.whenComplete((ignored, ex) -> {
					complete(current, ex);
					drainSends();
				});
				return;
			}
			Throwable failure = null;
			try {
				sent.join();
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
			complete(next, failure);
		}
	}

	private CompletableFuture<WebSocket> startSend(Function<WebSocket, CompletableFuture<WebSocket>> operation) {
		WebSocket ws = webSocket;
		CloseStatus status = closeStatus;
		if (status != null || ws == null) {
			return CompletableFuture.failedFuture(new WampConnectionClosedException(
					(status != null) ? status : new CloseStatus(CloseCodes.ABNORMAL, "not connected")));
		}
		try {
			return operation.apply(ws);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private static void complete(PendingSend send, @Nullable Throwable failure) {
		if (failure != null) {
			send.result().completeExceptionally(Failures.unwrap(failure));
		}
		else {
			send.result().complete(null);
		}
	}

	private void onMessage(String text) {
		WampMessage message;
		try {
			message = codec.decodeFromServer(text);
		}
		catch (WampProtocolException ex) {
			logger.debug("Invalid message from server: {}", ex.getMessage());
			closeWith(CloseCodes.INVALID_PAYLOAD, "Invalid message from server: " + ex.getMessage());
			return;
		}
		if (message instanceof WampMessage.Event event) {
			dispatchEvent(event);
		}
		else if (message instanceof WampMessage.CallResult result) {
			MonoSink<JsonNode> sink = pendingCalls.remove(result.callId());
			if (sink != null) {
				sink.success((result.result() != null) ? (JsonNode) result.result() : NullNode.getInstance());
			}
		}
		else if (message instanceof WampMessage.CallError error) {
			MonoSink<JsonNode> sink = pendingCalls.remove(error.callId());
			if (sink != null) {
				sink.error(new WampCallException(error.errorUri(), error.errorDescription(),
						(JsonNode) error.errorDetails()));
			}
		}
		else if (message instanceof WampMessage.Welcome received) {
			sessionId = received.sessionId();
			serverIdent = received.serverIdent();
			welcome.tryEmitValue(received);
		}
		else if (message instanceof WampMessage.Prefix prefix) {
			logger.debug("Server defined prefix {} for {}", prefix.prefix(), prefix.uri());
		}
	}

	private void dispatchEvent(WampMessage.Event event) {
		List<Consumer<JsonNode>> topicListeners = listeners.get(event.topicUri());
		if (topicListeners == null) {
			return;
		}
		JsonNode payload = (event.event() != null) ? (JsonNode) event.event() : NullNode.getInstance();
		for (Consumer<JsonNode> listener : topicListeners) {
			try {
				listener.accept(payload);
			}
			catch (RuntimeException ex) {
				logger.warn("Event listener for {} failed", event.topicUri(), ex);
			}
		}
	}

	private void closeWith(int code, String reason) {
		enqueue((ws) -> ws.sendClose(code, reason)).whenComplete((ignored, ex) -> {
			if (ex != null) {
				abort();
			}
		});
	}

	private void onClosed(CloseStatus status) {
		synchronized (this) {
			if (closeStatus != null) {
				return;
			}
			closeStatus = status;
		}
		welcome.tryEmitError(new WampHandshakeException(-1,
				"Connection closed before WELCOME (" + status.code() + " " + status.reason() + ")", null));
		for (String callId : List.copyOf(pendingCalls.keySet())) {
			MonoSink<JsonNode> sink = pendingCalls.remove(callId);
			if (sink != null) {
				sink.error(new WampConnectionClosedException(status));
			}
		}
		closed.tryEmitValue(status);
	}

	private static HttpClient sharedHttpClient() {
		HttpClient client = sharedHttpClient;
		if (client == null) {
			synchronized (WampClient.class) {
				client = sharedHttpClient;
				if (client == null) {
					client = HttpClient.newHttpClient();
					sharedHttpClient = client;
				}
			}
		}
		return client;
	}

	/** A send waiting for its turn, and what it completes. */
	private record PendingSend(Function<WebSocket, CompletableFuture<WebSocket>> operation,
			CompletableFuture<Void> result) {
	}

	/** Receives from the JDK WebSocket, one callback at a time. */
	private final class Receiver implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public void onOpen(WebSocket ws) {
			webSocket = ws;
			if (closeStatus != null) {
				// Aborted (timed out or cancelled) while the handshake was still in
				// flight.
				ws.abort();
				return;
			}
			ws.request(1);
		}

		@Override
		public @Nullable CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
			if (partial.length() + data.length() > maxMessageSize) {
				partial.setLength(0);
				closeWith(CloseCodes.MESSAGE_TOO_BIG, "Message too big");
				ws.request(1);
				return null;
			}
			if (last) {
				String text;
				if (partial.length() == 0) {
					text = data.toString();
				}
				else {
					text = partial.append(data).toString();
					partial.setLength(0);
				}
				try {
					onMessage(text);
				}
				catch (RuntimeException ex) {
					logger.warn("Failed to handle a message from the server", ex);
				}
			}
			else {
				partial.append(data);
			}
			ws.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
			logger.debug("Ignoring a binary frame from the server");
			ws.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
			onClosed(new CloseStatus(statusCode, reason));
			return null;
		}

		@Override
		public void onError(WebSocket ws, Throwable error) {
			logger.debug("WebSocket error", error);
			onClosed(new CloseStatus(CloseCodes.ABNORMAL, ""));
		}

	}

	/** Configures and opens a {@link WampClient} connection. */
	public static final class Builder {

		private final URI uri;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private List<String> subprotocols = List.of("wamp");

		private Duration connectTimeout = Duration.ofSeconds(10);

		private WampCodec codec = new WampCodec();

		private @Nullable HttpClient httpClient;

		private int maxMessageSize = 16 * 1024 * 1024;

		private Builder(URI uri) {
			this.uri = Objects.requireNonNull(uri, "uri");
		}

		/**
		 * Adds a header to the upgrade request, such as {@code Origin} or {@code Cookie}.
		 * @param name the header name
		 * @param value the value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			headers.put(name, value);
			return this;
		}

		/**
		 * The subprotocols to offer, most preferred first; {@code wamp} by default, none
		 * when called without arguments.
		 * @param protocols the subprotocols
		 * @return this builder
		 */
		public Builder subprotocols(String... protocols) {
			this.subprotocols = List.of(protocols);
			return this;
		}

		/**
		 * How long opening the connection and receiving WELCOME may take; 10 seconds by
		 * default.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration timeout) {
			this.connectTimeout = timeout;
			return this;
		}

		/**
		 * The codec, whose mapper converts arguments and events to JSON.
		 * @param codec the codec
		 * @return this builder
		 */
		public Builder codec(WampCodec codec) {
			this.codec = codec;
			return this;
		}

		/**
		 * The JDK HTTP client to open the WebSocket with, for TLS settings or a custom
		 * executor; by default one client is shared by every {@code WampClient} of the
		 * JVM.
		 * @param httpClient the HTTP client
		 * @return this builder
		 */
		public Builder httpClient(HttpClient httpClient) {
			this.httpClient = httpClient;
			return this;
		}

		/**
		 * The longest text message accepted from the server; longer closes with 1009. 16
		 * MiB by default.
		 * @param maxMessageSize the limit in characters
		 * @return this builder
		 */
		public Builder maxMessageSize(int maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
			return this;
		}

		/**
		 * Opens the connection.
		 * @return completes with the client once WELCOME has arrived; fails with a
		 * {@link WampHandshakeException} when the server refuses the upgrade (with its
		 * HTTP status) or closes before WELCOME
		 */
		public Mono<WampClient> connect() {
			return Mono.defer(() -> {
				WampClient client = new WampClient(codec, maxMessageSize);
				HttpClient http = (httpClient != null) ? httpClient : sharedHttpClient();
				WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(connectTimeout);
				headers.forEach(builder::header);
				if (!subprotocols.isEmpty()) {
					builder.subprotocols(subprotocols.get(0),
							subprotocols.subList(1, subprotocols.size()).toArray(new String[0]));
				}
				CompletableFuture<WebSocket> opening = builder.buildAsync(uri, client.new Receiver());
				return Mono.fromFuture(opening)
					.onErrorMap(Builder::handshakeFailure)
					.then(client.welcome.asMono())
					.timeout(connectTimeout)
					.doOnCancel(() -> {
						opening.cancel(true);
						client.abort();
					})
					.doOnError((ex) -> client.abort())
					.thenReturn(client);
			});
		}

		private static Throwable handshakeFailure(Throwable error) {
			Throwable cause = Failures.unwrap(error);
			if (cause instanceof WebSocketHandshakeException handshake) {
				int status = handshake.getResponse().statusCode();
				return new WampHandshakeException(status, "WebSocket handshake refused with HTTP " + status, handshake);
			}
			return cause;
		}

	}

}
