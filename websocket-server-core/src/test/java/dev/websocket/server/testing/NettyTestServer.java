package dev.websocket.server.testing;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.connection.Frame;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.engine.TransportSession;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.middleware.HandshakeRejectedException;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A minimal Reactor Netty WebSocket transport for a {@link WampServer}, for tests that
 * need a real socket: it listens on an ephemeral port of {@code 127.0.0.1}, selects the
 * {@code wamp} subprotocol, and bridges each socket to {@link WampServer#open}: inbound
 * text, binary and pong frames go to the {@link TransportSession}, its outbound frames
 * are written in order, and the socket is closed with the session's close status when its
 * outbound stream completes. A {@link HandshakeRejectedException} answers the upgrade
 * request with its HTTP status.
 *
 * <pre class="code">
 * try (NettyTestServer netty = NettyTestServer.start(server)) {
 *     WampClient client = WampClient.connect(netty.uri()).block(Duration.ofSeconds(5));
 * }
 * </pre>
 */
public final class NettyTestServer implements AutoCloseable {

	/** The path the WebSocket endpoint listens on. */
	public static final String PATH = "/ws";

	private static final Logger logger = LoggerFactory.getLogger(NettyTestServer.class);

	private static final String SUBPROTOCOL_HEADER = "sec-websocket-protocol";

	private final WampServer server;

	private final DisposableServer netty;

	private NettyTestServer(WampServer server) {
		this.server = server;
		int maxFrame = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(65536L, server.settings().maxMessageSize() * 4L));
		WebsocketServerSpec spec = WebsocketServerSpec.builder()
			.protocols("wamp")
			.maxFramePayloadLength(maxFrame)
			.build();
		this.netty = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> handle(request, response, spec, maxFrame))
			.bindNow(Duration.ofSeconds(10));
	}

	/**
	 * Starts a transport for a server on an ephemeral port.
	 * @param server the engine
	 * @return the running transport; {@link #close()} it
	 */
	public static NettyTestServer start(WampServer server) {
		return new NettyTestServer(server);
	}

	/** The port listened on. */
	public int port() {
		return netty.port();
	}

	/** The endpoint, {@code ws://127.0.0.1:port/ws}. */
	public URI uri() {
		return URI.create("ws://127.0.0.1:" + port() + PATH);
	}

	/** The engine. */
	public WampServer server() {
		return server;
	}

	/** Stops listening and drops every socket; the engine is left to the caller. */
	@Override
	public void close() {
		netty.disposeNow(Duration.ofSeconds(5));
	}

	private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response, WebsocketServerSpec spec,
			int maxFrame) {
		if (!PATH.equals(request.fullPath())) {
			return response.status(404).send();
		}
		TransportSession session;
		try {
			session = server.open(toHttpRequest(request));
		}
		catch (HandshakeRejectedException ex) {
			logger.debug("Handshake refused with {}: {}", ex.status(), ex.getMessage());
			return response.status(ex.status()).send();
		}
		return response.sendWebsocket((in, out) -> bridge(session, in, out, maxFrame), spec)
			.doOnError((ex) -> session.closed(new CloseStatus(CloseCodes.ABNORMAL, "")));
	}

	private static Publisher<Void> bridge(TransportSession session, WebsocketInbound in, WebsocketOutbound out,
			int maxFrame) {
		in.withConnection(
				(connection) -> connection.onDispose(() -> session.closed(new CloseStatus(CloseCodes.ABNORMAL, ""))));
		in.receiveCloseStatus()
			.subscribe((status) -> session.closed(new CloseStatus(status.code(), status.reasonText())));
		in.aggregateFrames(maxFrame).receiveFrames().subscribe((frame) -> receive(session, frame), session::error);
		return out.sendObject(session.outbound().map(NettyTestServer::toNetty)).then().then(Mono.defer(() -> {
			CloseStatus status = session.closeStatus();
			return out.sendClose(status.code(), status.reason());
		})).onErrorResume((ex) -> Mono.empty());
	}

	private static void receive(TransportSession session, WebSocketFrame frame) {
		if (frame instanceof TextWebSocketFrame text) {
			session.receiveText(text.text());
		}
		else if (frame instanceof BinaryWebSocketFrame) {
			session.receiveBinary();
		}
		else if (frame instanceof PongWebSocketFrame) {
			session.receivePong();
		}
	}

	private static WebSocketFrame toNetty(Frame frame) {
		if (frame instanceof Frame.Text text) {
			return new TextWebSocketFrame(text.text());
		}
		if (frame instanceof Frame.Binary binary) {
			return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(binary.data()));
		}
		if (frame instanceof Frame.Ping ping) {
			return new PingWebSocketFrame(Unpooled.wrappedBuffer(ping.data()));
		}
		return new PongWebSocketFrame(Unpooled.wrappedBuffer(((Frame.Pong) frame).data()));
	}

	private static HttpRequest toHttpRequest(HttpServerRequest request) {
		Map<String, List<String>> headers = new HashMap<>();
		request.requestHeaders()
			.forEach((entry) -> headers
				.computeIfAbsent(entry.getKey().toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
				.add(entry.getValue()));
		Map<String, String> cookies = new HashMap<>();
		for (Map.Entry<CharSequence, Set<Cookie>> entry : request.cookies().entrySet()) {
			if (!entry.getValue().isEmpty()) {
				cookies.put(entry.getKey().toString(), entry.getValue().iterator().next().value());
			}
		}
		List<String> subprotocols = new ArrayList<>();
		for (String value : headers.getOrDefault(SUBPROTOCOL_HEADER, List.of())) {
			for (String protocol : value.split(",")) {
				if (!protocol.isBlank()) {
					subprotocols.add(protocol.trim());
				}
			}
		}
		String host = request.requestHeaders().get("host", "127.0.0.1");
		URI uri = URI.create("ws://" + host + request.uri());
		return new HttpRequest(uri, headers, cookies, address(request.remoteAddress()), subprotocols, null);
	}

	private static String address(@Nullable SocketAddress address) {
		if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
			return inet.getAddress().getHostAddress();
		}
		return "";
	}

}
