package dev.websocket.server.spring.webflux;

import java.util.concurrent.Executor;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;

/**
 * A Reactor Netty session whose socket can be dropped without waiting for pending writes.
 */
final class DroppableSession extends ReactorNettyWebSocketSession {

	DroppableSession(WebsocketInbound inbound, WebsocketOutbound outbound, HandshakeInfo info,
			NettyDataBufferFactory bufferFactory, int maxMessageSize) {
		super(inbound, outbound, info, bufferFactory, maxMessageSize);
	}

	/**
	 * The close status as Reactor Netty reports it: every code, including those Spring's
	 * {@code CloseStatus} refuses.
	 */
	Mono<WebSocketCloseStatus> nettyCloseStatus() {
		return getDelegate().getInbound().receiveCloseStatus();
	}

	/** The socket's event loop. */
	Executor eventLoop() {
		Executor[] loop = new Executor[1];
		getDelegate().getInbound().withConnection((connection) -> loop[0] = connection.channel().eventLoop());
		return loop[0];
	}

	/** Closes the underlying connection at once, discarding what is still buffered. */
	void drop() {
		getDelegate().getInbound().withConnection(Connection::dispose);
	}

}
