package dev.websocket.server.spring.webflux;

import java.security.Principal;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import dev.websocket.server.connection.Attributes;
import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.engine.TransportSession;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.engine.WampServerListener;
import dev.websocket.server.middleware.HandshakeRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
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
 * no upgrade happens. On success the upgrade echoes the subprotocol the engine selected
 * and a per-socket bridge takes the socket over. Built with {@link #builder}.
 *
 * <p>
 * Before the engine sees it, a request with a WebSocket version other than 13 is answered
 * with 426 and one whose key is not the base64 of 16 bytes with 400; an address over its
 * handshake rate or its connection limit gets 429. Resolving the principal and the web
 * session may not take longer than the handshake timeout; past it the request is answered
 * with 503. Each refusal here is reported to the listeners.
 */
public final class WampHandshakeWebHandler implements WebHandler {

	private static final Logger logger = LoggerFactory.getLogger(WampHandshakeWebHandler.class);

	private static final String SEC_WEBSOCKET_VERSION = "Sec-WebSocket-Version";

	private static final String SEC_WEBSOCKET_KEY = "Sec-WebSocket-Key";

	/** RFC 6455's version, the only one served. */
	private static final String WEBSOCKET_VERSION = "13";

	/** Answers the non-upgrade requests Spring's service refuses before any socket. */
	private static final WebSocketHandler NO_SOCKET = (session) -> session
		.close(org.springframework.web.reactive.socket.CloseStatus.SERVER_ERROR);

	private final WampServer server;

	private final WampWebSocketHandler handler;

	private final HandshakeWebSocketService upgrades;

	private final Duration handshakeTimeout;

	private final List<WampServerListener> listeners;

	private final boolean webSession;

	private final AddressLimits addressLimits;

	private WampHandshakeWebHandler(Builder builder) {
		this.server = builder.server;
		this.handler = new WampWebSocketHandler(builder.idleTimeout, builder.closeTimeout, builder.maxMessageSize);
		this.upgrades = new HandshakeWebSocketService(
				new WampUpgradeStrategy(builder.maxFramePayloadLength, builder.maxMessageSize));
		this.handshakeTimeout = builder.handshakeTimeout;
		this.listeners = List.copyOf(builder.listeners);
		this.webSession = builder.webSession;
		this.addressLimits = new AddressLimits(builder.maxConnectionsPerAddress, builder.maxHandshakesPerSecond);
	}

	/**
	 * A builder with the documented defaults: 64 KiB frames and messages, a 10 s
	 * handshake timeout, a 5 s close timeout, no idle timeout, the web session resolved,
	 * no per-address limits.
	 * @param server the engine
	 * @return the builder
	 */
	public static Builder builder(WampServer server) {
		return new Builder(server);
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange) {
		if (!isUpgrade(exchange.getRequest())) {
			// not a WebSocket handshake: Spring's service answers it with the standard
			// error
			return this.upgrades.handleRequest(exchange, NO_SOCKET);
		}
		HandshakeRejectedException malformed = malformed(exchange.getRequest().getHeaders());
		if (malformed == null) {
			malformed = this.addressLimits.countHandshake(address(exchange));
		}
		if (malformed != null) {
			notifyRejected(exchange, malformed);
			return reject(exchange, malformed);
		}
		Mono<Optional<Principal>> principal = exchange.getPrincipal()
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
		// a session the client does not have (none was stored, nothing started one while
		// the handshake was filtered) is never saved once the upgrade committed the
		// response: it is not kept, and costs an idle connection nothing
		Mono<Optional<WebSession>> session = this.webSession ? exchange.getSession()
			.map((webSession) -> webSession.isStarted() ? Optional.of(webSession) : Optional.<WebSession>empty())
				: Mono.just(Optional.empty());
		return Mono.zip(principal, session)
			.timeout(this.handshakeTimeout)
			.onErrorMap(TimeoutException.class, (ex) -> timedOut(exchange))
			// the session store answers on another thread; upgrading off the channel's
			// event
			// loop loses a frame the client sends right after the switch (a WAMP v2
			// HELLO)
			.publishOn(eventLoopOf(exchange))
			.flatMap((resolved) -> upgrade(exchange, resolved.getT1().orElse(null), resolved.getT2().orElse(null)))
			.onErrorResume(HandshakeRejectedException.class, (ex) -> reject(exchange, ex));
	}

	private Mono<Void> upgrade(ServerWebExchange exchange, @Nullable Principal principal,
			@Nullable WebSession session) {
		HttpRequest request = HandshakeRequests.from(exchange.getRequest(), principal);
		Runnable release = this.addressLimits.acquireConnection(request.remoteAddress());
		if (release == null) {
			HandshakeRejectedException rejection = this.addressLimits.tooManyConnections(request.remoteAddress());
			notifyRejected(exchange, rejection);
			return Mono.error(rejection);
		}
		TransportSession transport;
		try {
			transport = this.server.open(request, (session != null) ? Map.of(Attributes.SESSION, session) : Map.of());
		}
		catch (RuntimeException ex) {
			release.run();
			throw ex;
		}
		// the connection counts against its address until the socket is gone; and
		// whatever path the socket ends by (close frame of any code, decoder error,
		// timeout, reset, or an upgrade that never reached the socket's handler), the
		// engine learns of it, the first status reported winning: the socket's one close
		// listener does both, and stops its reader
		WampWebSocketHandler.NettySocket socket = new WampWebSocketHandler.NettySocket(transport, release);
		WampUpgradeStrategy.nativeResponse(exchange.getResponse())
			.withConnection((connection) -> connection.channel().closeFuture().addListener(socket));
		BoundHandler bound = new BoundHandler(this.handler, socket, transport.subprotocol());
		return this.upgrades.handleRequest(exchange, bound)
			.doOnError((ex) -> transport.closed(new CloseStatus(CloseCodes.ABNORMAL, "Upgrade failed")))
			.doOnCancel(() -> transport.closed(new CloseStatus(CloseCodes.ABNORMAL, "Upgrade cancelled")));
	}

	private static String address(ServerWebExchange exchange) {
		return HandshakeRequests.remoteAddress(exchange.getRequest().getRemoteAddress());
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

	/** The scheduler of the request's Netty event loop, or the current thread's. */
	private static Scheduler eventLoopOf(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		while (request instanceof ServerHttpRequestDecorator decorator) {
			request = decorator.getDelegate();
		}
		if (request instanceof AbstractServerHttpRequest nettyBacked
				&& nettyBacked.getNativeRequest() instanceof reactor.netty.Connection connection) {
			return Schedulers.fromExecutor(connection.channel().eventLoop());
		}
		return Schedulers.immediate();
	}

	private static boolean isUpgrade(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		return HttpMethod.GET.equals(request.getMethod()) && "websocket".equalsIgnoreCase(headers.getUpgrade())
				&& headers.getFirst("Sec-WebSocket-Key") != null;
	}

	/**
	 * The singleton handler bound to one handshake's socket (and so its connection) and
	 * the subprotocol the engine selected for it from the client's offer ({@code wamp},
	 * {@code wamp.2.json} or {@code wamp.2.cbor}; {@code null}: none).
	 */
	record BoundHandler(WampWebSocketHandler handler, WampWebSocketHandler.NettySocket socket,
			@Nullable String subprotocol) implements WebSocketHandler {

		/** The engine's side of the connection. */
		TransportSession transport() {
			return this.socket.transport;
		}

		@Override
		public List<String> getSubProtocols() {
			String subprotocol = this.subprotocol;
			return (subprotocol != null) ? List.of(subprotocol) : List.of();
		}

		/**
		 * Not called: {@link WampUpgradeStrategy} hands the socket to the
		 * {@link #handler()} without a WebFlux session.
		 */
		@Override
		public Mono<Void> handle(WebSocketSession session) {
			return Mono.error(new IllegalStateException("A WAMP socket is bridged by WampUpgradeStrategy"));
		}
	}

	/** Configures a {@link WampHandshakeWebHandler}; starts with the defaults. */
	public static final class Builder {

		private final WampServer server;

		private int maxFramePayloadLength = 64 * 1024;

		private int maxMessageSize = 64 * 1024;

		private Duration handshakeTimeout = Duration.ofSeconds(10);

		private @Nullable Duration idleTimeout;

		private Duration closeTimeout = Duration.ofSeconds(5);

		private List<WampServerListener> listeners = List.of();

		private boolean webSession = true;

		private int maxConnectionsPerAddress;

		private int maxHandshakesPerSecond;

		private Builder(WampServer server) {
			this.server = server;
		}

		/**
		 * @param maxFramePayloadLength the largest frame payload accepted (larger: 1009)
		 * @return this builder
		 */
		public Builder maxFramePayloadLength(int maxFramePayloadLength) {
			this.maxFramePayloadLength = maxFramePayloadLength;
			return this;
		}

		/**
		 * @param maxMessageSize the largest message, all its fragments together (larger:
		 * 1009)
		 * @return this builder
		 */
		public Builder maxMessageSize(int maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
			return this;
		}

		/**
		 * @param handshakeTimeout the longest wait for the principal and the session
		 * (then 503)
		 * @return this builder
		 */
		public Builder handshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = handshakeTimeout;
			return this;
		}

		/**
		 * @param idleTimeout how long a connection may send no message before it is
		 * closed with 1001, or {@code null} for no limit
		 * @return this builder
		 */
		public Builder idleTimeout(@Nullable Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
			return this;
		}

		/**
		 * @param closeTimeout how long a closing connection's queued frames may take to
		 * be written before its socket is dropped
		 * @return this builder
		 */
		public Builder closeTimeout(Duration closeTimeout) {
			this.closeTimeout = closeTimeout;
			return this;
		}

		/**
		 * @param listeners told about handshakes refused here, before the engine saw
		 * them; the engine reports its own refusals to its listeners
		 * @return this builder
		 */
		public Builder listeners(List<WampServerListener> listeners) {
			this.listeners = List.copyOf(listeners);
			return this;
		}

		/**
		 * @param webSession whether to resolve the handshake's {@link WebSession} and
		 * expose it as the {@code session} attribute
		 * @return this builder
		 */
		public Builder webSession(boolean webSession) {
			this.webSession = webSession;
			return this;
		}

		/**
		 * @param maxConnectionsPerAddress connections one client address may have open;
		 * more are refused with 429; 0 for no limit
		 * @return this builder
		 */
		public Builder maxConnectionsPerAddress(int maxConnectionsPerAddress) {
			this.maxConnectionsPerAddress = maxConnectionsPerAddress;
			return this;
		}

		/**
		 * @param maxHandshakesPerSecond handshakes one client address may start per
		 * second; more are refused with 429; 0 for no limit
		 * @return this builder
		 */
		public Builder maxHandshakesPerSecondPerAddress(int maxHandshakesPerSecond) {
			this.maxHandshakesPerSecond = maxHandshakesPerSecond;
			return this;
		}

		/** Builds the handler. */
		public WampHandshakeWebHandler build() {
			return new WampHandshakeWebHandler(this);
		}

	}

}
