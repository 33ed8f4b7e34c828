package dev.websocket.server.spring.webflux;

import java.time.Duration;

import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.engine.TransportSession;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.NettyPipeline;

import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * Bridges one WebFlux {@link WebSocketSession} to the engine's {@link TransportSession},
 * opened by {@link WampHandshakeWebHandler} before the upgrade; only that handler uses
 * it, so no socket can reach it without a connection. A stateless singleton: everything
 * per-socket lives in the socket's writer and reader.
 *
 * <p>
 * Outbound, the engine's frames are written straight to the Netty channel by a
 * {@link ChannelWriter}, in order, on the channel's event loop, and, when they complete,
 * the socket is closed with the engine's close status; a peer that does not read them
 * within the close timeout (say, after an outbound overflow) has its socket dropped.
 * Inbound, Reactor Netty's aggregated frames go straight to the engine
 * ({@link InboundReader}): text to {@code receiveText}, binary to {@code receiveBinary}
 * and pongs to {@code receivePong}; a frame or message over the size limits closes with
 * 1009. When the socket closes its status reaches {@code closed} (1006 when there was
 * none). With an idle timeout, a connection that sends no message for that long is closed
 * with 1001.
 */
final class WampWebSocketHandler {

	/** What the engine is told when the socket ended without a close frame. */
	static final CloseStatus CONNECTION_LOST = new CloseStatus(CloseCodes.ABNORMAL, "Connection lost");

	private final @Nullable Duration idleTimeout;

	private final Duration closeTimeout;

	/**
	 * @param idleTimeout how long a connection may send nothing, or {@code null} for no
	 * limit
	 * @param closeTimeout how long a closing connection's queued frames may take to be
	 * written before the socket is dropped
	 */
	WampWebSocketHandler(@Nullable Duration idleTimeout, Duration closeTimeout) {
		this.idleTimeout = idleTimeout;
		this.closeTimeout = closeTimeout;
	}

	/**
	 * Bridges a socket to the connection the engine opened for its handshake: a
	 * {@link ChannelWriter} for what goes out, an {@link InboundReader} for what comes
	 * in, and the socket's close status for the engine.
	 * @param session the WebFlux session
	 * @param transport the engine's side of the connection
	 * @return completes once the socket's close status is known
	 */
	Mono<Void> handle(WebSocketSession session, TransportSession transport) {
		if (!(session instanceof DroppableSession netty)) {
			throw new IllegalStateException("Not a Reactor Netty WebSocket session: " + session.getClass().getName());
		}

		// outbound: straight to the channel, on its event loop; the close frame follows
		// the last written frame, and a peer that stops reading cannot hold the socket
		// open past the close timeout
		Channel channel = netty.channel();
		ChannelWriter writer = new ChannelWriter(channel, transport, netty, this.closeTimeout);
		writer.start(channel.pipeline(), NettyPipeline.ReactiveBridge);
		Duration idleTimeout = this.idleTimeout;
		netty.receiveFrames(new InboundReader(transport, channel, writer.batch(),
				(idleTimeout != null) ? idleTimeout.toNanos() : 0));
		// the engine learns the status the socket closed with, as Reactor Netty reports
		// it (every code, including those Spring's CloseStatus refuses); 1006 when there
		// was none. Completing (rather than never) lets Reactor Netty finish the socket.
		return netty.nettyCloseStatus()
			.doOnNext((status) -> transport.closed(new CloseStatus(status.code(), status.reasonText())))
			.doFinally((signal) -> transport.closed(CONNECTION_LOST))
			.then();
	}

}
