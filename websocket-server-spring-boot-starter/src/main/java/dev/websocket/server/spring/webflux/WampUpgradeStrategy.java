package dev.websocket.server.spring.webflux;

import java.util.Objects;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;

import org.jspecify.annotations.Nullable;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

/**
 * Upgrades on Reactor Netty with two limits where Spring's own strategy has one: Netty's
 * frame decoder refuses a frame payload over {@code maxFramePayloadLength} (it answers
 * close 1009 and drops the connection), and the session aggregates fragmented messages up
 * to {@code maxMessageSize}. Pings are answered by Reactor Netty; an engine socket's
 * pongs go to the engine from the strict decoder, others' reach the handler. The
 * subprotocol is the one the engine selected, and the frames are checked as RFC 6455
 * requires ({@link StrictFraming}). The engine's sockets are handed to its
 * {@link WampWebSocketHandler} as Reactor Netty's inbound and outbound, without a WebFlux
 * {@code WebSocketSession}. Whatever way the socket ends, the engine is told (by the
 * close listener {@link WampHandshakeWebHandler} registers).
 */
final class WampUpgradeStrategy implements RequestUpgradeStrategy {

	private final int maxFramePayloadLength;

	private final int maxMessageSize;

	/** The strict decoder's settings, the same for every socket. */
	private final WebSocketDecoderConfig decoderConfig;

	WampUpgradeStrategy(int maxFramePayloadLength, int maxMessageSize) {
		this.maxFramePayloadLength = maxFramePayloadLength;
		this.maxMessageSize = maxMessageSize;
		this.decoderConfig = StrictFraming.decoderConfig(maxFramePayloadLength);
	}

	@Override
	public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
			Supplier<HandshakeInfo> handshakeInfoFactory) {
		ServerHttpResponse response = exchange.getResponse();
		HttpServerResponse nettyResponse = nativeResponse(response);
		WampHandshakeWebHandler.BoundHandler bound = (handler instanceof WampHandshakeWebHandler.BoundHandler b) ? b
				: null;
		// the engine chose the subprotocol (Spring's choice reads only the first header
		// and does not trim, so "wamp.2.json, wamp" would select nothing)
		String selected = (bound != null) ? bound.subprotocol() : subProtocol;
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
		// setComplete() runs WebFlux's pre-commit actions (such as saving the session)
		// first
		return response.setComplete().then(Mono.defer(() -> nettyResponse.sendWebsocket((in, out) -> {
			Channel channel = channelOf(in);
			StrictFraming.install(channel.pipeline(), this.decoderConfig, (bound != null) ? bound.transport() : null);
			if (bound != null) {
				// our socket: bridged straight to the engine, no WebFlux session
				return bound.handler().handle(in, out, channel, bound.socket());
			}
			return handler.handle(new ReactorNettyWebSocketSession(in, out, handshakeInfoFactory.get(),
					(NettyDataBufferFactory) response.bufferFactory(), this.maxMessageSize));
		}, spec.build())));
	}

	/** The socket's Netty channel. */
	private static Channel channelOf(WebsocketInbound inbound) {
		Channel[] channel = new Channel[1];
		inbound.withConnection((connection) -> channel[0] = connection.channel());
		return Objects.requireNonNull(channel[0]);
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
