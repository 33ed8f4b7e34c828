package dev.websocket.server.spring.webflux;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
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
 * handler.
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
		HandshakeInfo info = withRequestHeaders(handshakeInfoFactory.get(), exchange.getRequest().getHeaders());
		NettyDataBufferFactory bufferFactory = (NettyDataBufferFactory) response.bufferFactory();
		WebsocketServerSpec.Builder spec = WebsocketServerSpec.builder()
			.maxFramePayloadLength(this.maxFramePayloadLength)
			.handlePing(false);
		if (subProtocol != null) {
			spec.protocols(subProtocol);
		}
		// setComplete() runs WebFlux's pre-commit actions (such as saving the session)
		// first
		return response.setComplete()
			.then(Mono.defer(() -> nettyResponse.sendWebsocket(
					(in, out) -> handler
						.handle(new DroppableSession(in, out, info, bufferFactory, this.maxMessageSize)),
					spec.build())));
	}

	/**
	 * Spring's handshake info holds a private copy of the request headers for the
	 * socket's whole life, while the request keeps its own read-only view of Netty's
	 * headers: share that view instead (about 1 KiB less heap per connection, the same
	 * headers).
	 */
	private static HandshakeInfo withRequestHeaders(HandshakeInfo info, HttpHeaders headers) {
		return new HandshakeInfo(info.getUri(), headers, info.getCookies(), info.getPrincipal(), info.getSubProtocol(),
				info.getRemoteAddress(), info.getAttributes(), info.getLogPrefix());
	}

	private static HttpServerResponse nativeResponse(ServerHttpResponse response) {
		if (response instanceof AbstractServerHttpResponse nettyBacked) {
			return nettyBacked.getNativeResponse();
		}
		if (response instanceof ServerHttpResponseDecorator decorator) {
			return nativeResponse(decorator.getDelegate());
		}
		throw new IllegalStateException("Not running on Reactor Netty: " + response.getClass().getName());
	}

}
