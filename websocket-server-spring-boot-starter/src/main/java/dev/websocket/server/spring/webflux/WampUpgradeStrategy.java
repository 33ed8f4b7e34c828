package dev.websocket.server.spring.webflux;

import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

/**
 * Upgrades on Reactor Netty with two limits where Spring's own strategy has one: Netty's
 * frame decoder refuses a frame payload over {@code maxFramePayloadLength} (it answers
 * close 1009 and drops the connection), and the session aggregates fragmented messages up
 * to {@code maxMessageSize}. Pings are answered by Reactor Netty; pongs reach the
 * handler. The subprotocol is the one the engine selected, and the frames are checked as
 * RFC 6455 requires ({@link StrictFraming}). Whatever way the socket ends, the engine is
 * told.
 */
final class WampUpgradeStrategy implements RequestUpgradeStrategy {

	private final int maxFramePayloadLength;

	private final int maxMessageSize;

	WampUpgradeStrategy(int maxFramePayloadLength, int maxMessageSize) {
		this.maxFramePayloadLength = maxFramePayloadLength;
		this.maxMessageSize = maxMessageSize;
	}

	@Override
	public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
			Supplier<HandshakeInfo> handshakeInfoFactory) {
		ServerHttpResponse response = exchange.getResponse();
		HttpServerResponse nettyResponse = nativeResponse(response);
		// the engine chose the subprotocol (Spring's choice reads only the first header
		// and does not trim, so "wamp.2.json, wamp" would select nothing)
		String selected = (handler instanceof WampHandshakeWebHandler.BoundHandler bound) ? bound.subprotocol()
				: subProtocol;
		HandshakeInfo info = handshakeInfo(exchange, selected);
		NettyDataBufferFactory bufferFactory = (NettyDataBufferFactory) response.bufferFactory();
		WebsocketServerSpec.Builder spec = WebsocketServerSpec.builder()
			.maxFramePayloadLength(this.maxFramePayloadLength)
			.handlePing(false);
		if (selected != null) {
			spec.protocols(selected);
			// Netty's handshaker selects again, from the first header only: let it see
			// the one protocol chosen
			if (nettyResponse instanceof HttpServerRequest nettyRequest) {
				nettyRequest.requestHeaders().set(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, selected);
			}
		}
		if (handler instanceof WampHandshakeWebHandler.BoundHandler bound) {
			// the reaper: whatever path the socket ends by (close frame of any code,
			// decoder error, timeout, reset, or an upgrade that never reached the
			// handler), the engine learns of it; the first status reported wins
			nettyResponse.withConnection((connection) -> connection
				.onDispose(() -> bound.transport().closed(WampWebSocketHandler.CONNECTION_LOST)));
		}
		// setComplete() runs WebFlux's pre-commit actions (such as saving the session)
		// first
		return response.setComplete().then(Mono.defer(() -> nettyResponse.sendWebsocket((in, out) -> {
			in.withConnection(
					(connection) -> StrictFraming.install(connection.channel().pipeline(), this.maxFramePayloadLength));
			return handler.handle(new DroppableSession(in, out, info, bufferFactory, this.maxMessageSize));
		}, spec.build())));
	}

	/**
	 * The handshake info of the socket, built here rather than by Spring's factory, which
	 * copies every request header for the socket's whole life (and, reading the names of
	 * Netty's headers as strings, leaves a cached string in each of them): it shares the
	 * request's read-only view of Netty's headers instead (the same headers). Spring's
	 * factory adds no attributes unless a session attribute predicate is set, which this
	 * server's service never sets.
	 */
	private static HandshakeInfo handshakeInfo(ServerWebExchange exchange, @Nullable String subprotocol) {
		ServerHttpRequest request = exchange.getRequest();
		return new HandshakeInfo(request.getURI(), request.getHeaders(), request.getCookies(), exchange.getPrincipal(),
				subprotocol, request.getRemoteAddress(), Map.of(), exchange.getLogPrefix());
	}

	static HttpServerResponse nativeResponse(ServerHttpResponse response) {
		if (response instanceof AbstractServerHttpResponse nettyBacked) {
			return nettyBacked.getNativeResponse();
		}
		if (response instanceof ServerHttpResponseDecorator decorator) {
			return nativeResponse(decorator.getDelegate());
		}
		throw new IllegalStateException("Not running on Reactor Netty: " + response.getClass().getName());
	}

}
