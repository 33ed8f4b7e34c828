package dev.websocket.server.benchmarks.ceiling;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.flush.FlushConsolidationHandler;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal WAMP v1 server straight on Reactor Netty, the practical limit the benchmark
 * compares against: messages read with a streaming parser, payloads sliced from the input
 * instead of being rebuilt; WELCOME, PREFIX, SUBSCRIBE, UNSUBSCRIBE, PUBLISH (the EVENT
 * is serialized once into one buffer and every subscriber gets a retained duplicate of
 * it, one task per event loop; flushes are consolidated) and CALL of {@code sample/echo}.
 * No middleware, no limits beyond the frame size and a write-buffer bound (an unwritable
 * subscriber drops events; the drops are counted and printed on exit).
 *
 * <p>
 * Arguments: {@code --server.port=N} (or {@code --port=N}),
 * {@code --server.address=HOST}.
 */
public final class CeilingServer {

	static final String ECHO = "sample/echo";

	static final String NO_SUCH_RPC = "http://api.wamp.ws/error#NoSuchRPCEndpoint";

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Topic> topics = new ConcurrentHashMap<>();

	private final LongAdder dropped = new LongAdder();

	private CeilingServer() {
	}

	/**
	 * Starts the server and blocks until it is stopped.
	 * @param args {@code --server.port=N}, {@code --server.address=HOST}
	 */
	public static void main(String[] args) {
		int port = 8080;
		String host = "0.0.0.0";
		for (String arg : args) {
			if (arg.startsWith("--server.port=")) {
				port = Integer.parseInt(arg.substring("--server.port=".length()));
			}
			else if (arg.startsWith("--port=")) {
				port = Integer.parseInt(arg.substring("--port=".length()));
			}
			else if (arg.startsWith("--server.address=")) {
				host = arg.substring("--server.address=".length());
			}
		}
		CeilingServer ceiling = new CeilingServer();
		DisposableServer server = HttpServer.create()
			.host(host)
			.port(port)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512 * 1024, 1024 * 1024))
			// Coalesce the flushes of consecutive writes (one per subscriber per event)
			// into one syscall.
			.doOnChannelInit((observer, channel, address) -> channel.pipeline()
				.addFirst("flushConsolidation", new FlushConsolidationHandler(256, true)))
			.route((routes) -> routes.ws("/ws", ceiling::handle,
					WebsocketServerSpec.builder().protocols("wamp").maxFramePayloadLength(64 * 1024).build()))
			.bindNow();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("ceiling: dropped " + ceiling.dropped.sum() + " events to unwritable subscribers");
			server.disposeNow();
		}));
		System.out.println("ceiling: listening on " + server.address());
		server.onDispose().block();
	}

	private Publisher<Void> handle(WebsocketInbound in, WebsocketOutbound out) {
		byte[] id = new byte[16];
		this.random.nextBytes(id);
		Session session = new Session(HexFormat.of().formatHex(id));
		in.withConnection((connection) -> session.channel = connection.channel());
		session.send("[0,\"" + session.id + "\",1,\"ceiling/0.1\"]");
		return in.receiveFrames()
			.doOnNext((frame) -> onFrame(session, frame))
			.doFinally((signal) -> closed(session))
			.then()
			.onErrorResume((ex) -> Mono.empty());
	}

	private void onFrame(Session session, WebSocketFrame frame) {
		if (frame instanceof TextWebSocketFrame text) {
			try {
				onMessage(session, text.text());
			}
			catch (JacksonException | IllegalArgumentException ex) {
				session.close(1007, "malformed WAMP message");
			}
		}
		else if (frame instanceof BinaryWebSocketFrame) {
			session.close(1003, "binary frames are not supported");
		}
	}

	/**
	 * Reads the message with a streaming parser and never rebuilds payloads: the echo
	 * argument and the event are sliced from the input text as they are.
	 */
	private void onMessage(Session session, String text) {
		try (JsonParser parser = this.mapper.createParser(text)) {
			if (parser.nextToken() != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.VALUE_NUMBER_INT) {
				throw new IllegalArgumentException("not a WAMP message");
			}
			switch (parser.getIntValue()) {
				case 1 -> session.prefixes.put(string(parser), string(parser));
				case 2 -> call(session, parser, text);
				case 5 -> subscribe(session, session.resolve(string(parser)));
				case 6 -> unsubscribe(session, session.resolve(string(parser)));
				case 7 -> publish(session, parser, text);
				default -> throw new IllegalArgumentException("unexpected type id");
			}
		}
	}

	private void call(Session session, JsonParser parser, String text) {
		if (parser.nextToken() != JsonToken.VALUE_STRING) {
			throw new IllegalArgumentException("expected a call id");
		}
		String callId = raw(parser, text);
		String proc = session.resolve(string(parser));
		if (!ECHO.equals(proc)) {
			session.send("[4," + callId + ",\"" + NO_SUCH_RPC + "\",\"no such procedure\"]");
			return;
		}
		String argument = (parser.nextToken() != JsonToken.END_ARRAY) ? raw(parser, text) : "null";
		session.send("[3," + callId + "," + argument + "]");
	}

	private void publish(Session session, JsonParser parser, String text) {
		String uri = session.resolve(string(parser));
		if (parser.nextToken() == JsonToken.END_ARRAY) {
			throw new IllegalArgumentException("PUBLISH without event");
		}
		String event = raw(parser, text);
		Set<String> exclude = Set.of();
		@Nullable Set<String> eligible = null;
		JsonToken fourth = parser.nextToken();
		if (fourth == JsonToken.VALUE_TRUE) {
			exclude = Set.of(session.id);
		}
		else if (fourth == JsonToken.START_ARRAY) {
			exclude = ids(parser);
			if (parser.nextToken() == JsonToken.START_ARRAY) {
				eligible = ids(parser);
			}
		}
		Topic topic = this.topics.get(uri);
		if (topic != null) {
			topic.broadcast("[8," + this.mapper.writeValueAsString(uri) + "," + event + "]", exclude, eligible);
		}
	}

	/**
	 * The current value's text as it appears in the input (the whole subtree for arrays
	 * and objects).
	 */
	private static String raw(JsonParser parser, String text) {
		int start = (int) parser.currentTokenLocation().getCharOffset();
		if (parser.currentToken().isStructStart()) {
			parser.skipChildren();
		}
		else if (parser.currentToken() == JsonToken.VALUE_STRING) {
			parser.getString(); // finishes the lazily read string
		}
		int end = (int) parser.currentLocation().getCharOffset();
		return text.substring(start, end).strip();
	}

	private void subscribe(Session session, String uri) {
		if (session.topics.add(uri)) {
			this.topics.computeIfAbsent(uri, Topic::new).add(session);
		}
	}

	private void unsubscribe(Session session, String uri) {
		if (session.topics.remove(uri)) {
			Topic topic = this.topics.get(uri);
			if (topic != null) {
				topic.remove(session);
			}
		}
	}

	private void closed(Session session) {
		for (String uri : session.topics) {
			Topic topic = this.topics.get(uri);
			if (topic != null) {
				topic.remove(session);
			}
		}
		session.topics.clear();
	}

	private static Set<String> ids(JsonParser parser) {
		Set<String> ids = new java.util.HashSet<>();
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			if (token != JsonToken.VALUE_STRING) {
				throw new IllegalArgumentException("expected an array of session ids");
			}
			ids.add(parser.getString());
		}
		return ids;
	}

	private static String string(JsonParser parser) {
		if (parser.nextToken() != JsonToken.VALUE_STRING) {
			throw new IllegalArgumentException("expected a string");
		}
		return parser.getString();
	}

	/** One WebSocket connection. */
	final class Session {

		final String id;

		final Set<String> topics = ConcurrentHashMap.newKeySet();

		final Map<String, String> prefixes = new ConcurrentHashMap<>();

		volatile @Nullable Channel channel;

		Session(String id) {
			this.id = id;
		}

		String resolve(String curie) {
			int colon = curie.indexOf(':');
			if (colon < 0 || this.prefixes.isEmpty()) {
				return curie;
			}
			String uri = this.prefixes.get(curie.substring(0, colon));
			return (uri != null) ? uri + curie.substring(colon + 1) : curie;
		}

		void send(String text) {
			Channel channel = this.channel;
			if (channel != null) {
				channel.writeAndFlush(new TextWebSocketFrame(text));
			}
		}

		void close(int code, String reason) {
			Channel channel = this.channel;
			if (channel != null) {
				channel.writeAndFlush(new io.netty.handler.codec.http.websocketx.CloseWebSocketFrame(code, reason))
					.addListener(io.netty.channel.ChannelFutureListener.CLOSE);
			}
		}

	}

	/** A topic's subscribers, grouped by the event loop that owns their channel. */
	final class Topic {

		final String uri;

		final Map<EventLoop, Set<Session>> byLoop = new ConcurrentHashMap<>();

		Topic(String uri) {
			this.uri = uri;
		}

		void add(Session session) {
			Channel channel = session.channel;
			if (channel != null) {
				this.byLoop.computeIfAbsent(channel.eventLoop(), (loop) -> ConcurrentHashMap.newKeySet()).add(session);
			}
		}

		void remove(Session session) {
			Channel channel = session.channel;
			if (channel != null) {
				Set<Session> sessions = this.byLoop.get(channel.eventLoop());
				if (sessions != null) {
					sessions.remove(session);
				}
			}
		}

		void broadcast(String event, Set<String> exclude, @Nullable Set<String> eligible) {
			TextWebSocketFrame frame = new TextWebSocketFrame(
					ByteBufUtil.writeUtf8(io.netty.buffer.PooledByteBufAllocator.DEFAULT, event));
			try {
				for (Map.Entry<EventLoop, Set<Session>> entry : this.byLoop.entrySet()) {
					Set<Session> sessions = entry.getValue();
					if (sessions.isEmpty()) {
						continue;
					}
					TextWebSocketFrame shared = frame.retainedDuplicate();
					Runnable write = () -> {
						try {
							for (Session session : sessions) {
								if (exclude.contains(session.id)
										|| (eligible != null && !eligible.contains(session.id))) {
									continue;
								}
								Channel channel = session.channel;
								if (channel == null || !channel.isActive()) {
									continue;
								}
								if (!channel.isWritable()) {
									CeilingServer.this.dropped.increment();
									continue;
								}
								channel.writeAndFlush(shared.retainedDuplicate(), channel.voidPromise());
							}
						}
						finally {
							shared.release();
						}
					};
					EventLoop loop = entry.getKey();
					if (loop.inEventLoop()) {
						write.run();
					}
					else {
						loop.execute(write);
					}
				}
			}
			finally {
				frame.release();
			}
		}

	}

}
