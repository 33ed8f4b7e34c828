package dev.websocket.server.spring.webflux;

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

	/** Closes the underlying connection at once, discarding what is still buffered. */
	void drop() {
		getDelegate().getInbound().withConnection(Connection::dispose);
	}

}
