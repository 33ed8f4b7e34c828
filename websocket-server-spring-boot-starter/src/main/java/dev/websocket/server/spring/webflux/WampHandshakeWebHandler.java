package dev.websocket.server.spring.webflux;

import java.security.Principal;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.engine.TransportSession;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.engine.WampServerListener;
import dev.websocket.server.middleware.HandshakeRejectedException;
import dev.websocket.server.middleware.SubprotocolMiddleware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.WebSession;

/**
 * Answers the WebSocket upgrade request at the WAMP endpoint. The engine opens the
 * connection <em>before</em> the protocol switch, so its handshake layers (blocked
 * addresses, allowed origins, subprotocol) can refuse with an HTTP status (403, 400) and
 * no upgrade happens. On success the upgrade echoes the {@code wamp} subprotocol and
 * {@link WampWebSocketHandler} takes the socket over.
 *
 * <p>
 * Resolving the principal and the web session may not take longer than the handshake
 * timeout; past it the request is answered with 503.
 */
public final class WampHandshakeWebHandler implements WebHandler {

	private static final Logger logger = LoggerFactory.getLogger(WampHandshakeWebHandler.class);

	private static final String SEC_WEBSOCKET_VERSION = "Sec-WebSocket-Version";

	private static final String SEC_WEBSOCKET_KEY = "Sec-WebSocket-Key";

	/** RFC 6455's version, the only one served. */
	private static final String WEBSOCKET_VERSION = "13";

	private final WampServer server;

	private final WampWebSocketHandler handler;

	private final HandshakeWebSocketService upgrades;

	private final Duration handshakeTimeout;

	private final List<WampServerListener> listeners;

	private final boolean webSession;

	/**
	 * @param server the engine
	 * @param handler the per-socket bridge
	 * @param maxFramePayloadLength the largest frame payload Netty accepts
	 * @param maxMessageSize the largest aggregated message
	 * @param handshakeTimeout the longest wait for the principal and session
	 */
	public WampHandshakeWebHandler(WampServer server, WampWebSocketHandler handler, int maxFramePayloadLength,
			int maxMessageSize, Duration handshakeTimeout) {
		this(server, handler, maxFramePayloadLength, maxMessageSize, handshakeTimeout, List.of());
	}

	/**
	 * @param server the engine
	 * @param handler the per-socket bridge
	 * @param maxFramePayloadLength the largest frame payload Netty accepts
	 * @param maxMessageSize the largest aggregated message
	 * @param handshakeTimeout the longest wait for the principal and session
	 * @param listeners told about handshakes refused here, before the engine saw them
	 * (timeouts); the engine reports its own refusals to its listeners
	 */
	public WampHandshakeWebHandler(WampServer server, WampWebSocketHandler handler, int maxFramePayloadLength,
			int maxMessageSize, Duration handshakeTimeout, List<WampServerListener> listeners) {
		this(server, handler, maxFramePayloadLength, maxMessageSize, handshakeTimeout, listeners, true);
	}

	/**
	 * @param server the engine
	 * @param handler the per-socket bridge
	 * @param maxFramePayloadLength the largest frame payload Netty accepts
	 * @param maxMessageSize the largest aggregated message
	 * @param handshakeTimeout the longest wait for the principal and session
	 * @param listeners told about handshakes refused here, before the engine saw them
	 * (timeouts); the engine reports its own refusals to its listeners
	 * @param webSession whether to resolve the handshake's {@link WebSession} and expose
	 * it as the {@code session} attribute; without it nothing resolves or holds a session
	 * per connection
	 */
	public WampHandshakeWebHandler(WampServer server, WampWebSocketHandler handler, int maxFramePayloadLength,
			int maxMessageSize, Duration handshakeTimeout, List<WampServerListener> listeners, boolean webSession) {
		this.server = server;
		this.handler = handler;
		this.upgrades = new HandshakeWebSocketService(new WampUpgradeStrategy(maxFramePayloadLength, maxMessageSize));
		this.handshakeTimeout = handshakeTimeout;
		this.listeners = List.copyOf(listeners);
		this.webSession = webSession;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange) {
		if (!isUpgrade(exchange.getRequest())) {
			// not a WebSocket handshake: Spring's service answers it with the standard
			// error
			return this.upgrades.handleRequest(exchange, this.handler);
		}
		HandshakeRejectedException malformed = malformed(exchange.getRequest().getHeaders());
		if (malformed != null) {
			notifyRejected(exchange, malformed);
			return reject(exchange, malformed);
		}
		Mono<Optional<Principal>> principal = exchange.getPrincipal()
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
		Mono<Optional<WebSession>> session = this.webSession ? exchange.getSession().map(Optional::of)
				: Mono.just(Optional.empty());
		return Mono.zip(principal, session)
			.timeout(this.handshakeTimeout)
			.onErrorMap(TimeoutException.class, (ex) -> timedOut(exchange))
			.flatMap((resolved) -> upgrade(exchange, resolved.getT1().orElse(null), resolved.getT2().orElse(null)))
			.onErrorResume(HandshakeRejectedException.class, (ex) -> reject(exchange, ex));
	}

	private Mono<Void> upgrade(ServerWebExchange exchange, @Nullable Principal principal,
			@Nullable WebSession session) {
		HttpRequest request = HandshakeRequests.from(exchange.getRequest(), principal);
		TransportSession transport = WebSessionMiddleware.withSession(session, () -> this.server.open(request));
		BoundHandler bound = new BoundHandler(this.handler, transport,
				SubprotocolMiddleware.select(request.subprotocols()));
		return this.upgrades.handleRequest(exchange, bound)
			.doOnError((ex) -> transport.closed(new CloseStatus(CloseCodes.ABNORMAL, "Upgrade failed")))
			.doOnCancel(() -> transport.closed(new CloseStatus(CloseCodes.ABNORMAL, "Upgrade cancelled")));
	}

	/**
	 * Checks what Netty's handshaker would otherwise trip over: an unsupported version
	 * (Netty answers it itself and Reactor Netty then fails with a NullPointerException
	 * logged at ERROR) and a key that is not the base64 of 16 bytes (RFC 6455 section
	 * 4.2.1, which Netty does not check).
	 * @return the refusal, or {@code null} when the request is well-formed
	 */
	private static @Nullable HandshakeRejectedException malformed(HttpHeaders headers) {
		String version = headers.getFirst(SEC_WEBSOCKET_VERSION);
		if (!WEBSOCKET_VERSION.equals((version != null) ? version.trim() : null)) {
			return new HandshakeRejectedException(HttpStatus.UPGRADE_REQUIRED.value(),
					HandshakeRejectedException.Reason.BAD_REQUEST, "Unsupported WebSocket version: " + version);
		}
		List<String> keys = headers.getOrEmpty(SEC_WEBSOCKET_KEY);
		if (keys.size() != 1 || !isKey(keys.get(0).trim())) {
			return new HandshakeRejectedException(HttpStatus.BAD_REQUEST.value(),
					HandshakeRejectedException.Reason.BAD_REQUEST, "Invalid Sec-WebSocket-Key");
		}
		return null;
	}

	private static boolean isKey(String key) {
		if (key.length() != 24) {
			return false;
		}
		try {
			return Base64.getDecoder().decode(key).length == 16;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private HandshakeRejectedException timedOut(ServerWebExchange exchange) {
		HandshakeRejectedException rejection = new HandshakeRejectedException(HttpStatus.SERVICE_UNAVAILABLE.value(),
				HandshakeRejectedException.Reason.UNAVAILABLE, "Handshake timed out after " + this.handshakeTimeout);
		notifyRejected(exchange, rejection);
		return rejection;
	}

	/** Tells the listeners of a refusal the engine did not see. */
	private void notifyRejected(ServerWebExchange exchange, HandshakeRejectedException rejection) {
		HttpRequest request = HandshakeRequests.from(exchange.getRequest(), null);
		for (WampServerListener listener : this.listeners) {
			try {
				listener.handshakeRejected(request, rejection);
			}
			catch (RuntimeException ex) {
				logger.warn("WAMP listener failed on a refused handshake", ex);
			}
		}
	}

	private static Mono<Void> reject(ServerWebExchange exchange, HandshakeRejectedException rejection) {
		if (logger.isDebugEnabled()) {
			logger.debug("{}WAMP handshake refused with {} ({}): {}", exchange.getLogPrefix(), rejection.status(),
					rejection.reason(), rejection.getMessage());
		}
		exchange.getResponse().setStatusCode(HttpStatusCode.valueOf(rejection.status()));
		if (rejection.status() == HttpStatus.UPGRADE_REQUIRED.value()) {
			// RFC 6455 section 4.4: name the version the server speaks
			exchange.getResponse().getHeaders().set(SEC_WEBSOCKET_VERSION, WEBSOCKET_VERSION);
		}
		return exchange.getResponse().setComplete();
	}

	private static boolean isUpgrade(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		return HttpMethod.GET.equals(request.getMethod()) && "websocket".equalsIgnoreCase(headers.getUpgrade())
				&& headers.getFirst("Sec-WebSocket-Key") != null;
	}

	/**
	 * The singleton handler bound to one handshake's connection and the subprotocol the
	 * engine selected for it ({@code null}: none).
	 */
	record BoundHandler(WampWebSocketHandler handler, TransportSession transport,
			@Nullable String subprotocol) implements WebSocketHandler {

		@Override
		public List<String> getSubProtocols() {
			return this.handler.getSubProtocols();
		}

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			return this.handler.handle(session, this.transport);
		}
	}

}
