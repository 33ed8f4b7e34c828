package dev.websocket.server.spring.webflux;

import java.util.Objects;

import io.netty.channel.Channel;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;

/**
 * A Reactor Netty session whose socket can be dropped without waiting for pending writes,
 * and whose Netty channel the {@link ChannelWriter} writes to.
 */
final class DroppableSession extends ReactorNettyWebSocketSession implements ChannelWriter.Socket {

	private static final Logger logger = LoggerFactory.getLogger(DroppableSession.class);

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

	/** The socket's Netty channel. */
	Channel channel() {
		Channel[] channel = new Channel[1];
		getDelegate().getInbound().withConnection((connection) -> channel[0] = connection.channel());
		return Objects.requireNonNull(channel[0]);
	}

	/**
	 * Sends the close frame through Reactor Netty, which then closes the connection and
	 * reports the status as the socket's.
	 */
	@Override
	public void closeWith(dev.websocket.server.connection.CloseStatus status) {
		if (!StrictFraming.isValidCloseCode(status.code())) {
			// a status only ever reported (1006 when the socket was lost), never sent
			drop();
			return;
		}
		close(new CloseStatus(status.code(), status.reason())).subscribe(null,
				(error) -> logger.debug("Closing a WAMP socket failed", error));
	}

	/** Closes the underlying connection at once, discarding what is still buffered. */
	@Override
	public void drop() {
		getDelegate().getInbound().withConnection(Connection::dispose);
	}

}
