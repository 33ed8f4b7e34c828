package dev.websocket.server.spring.webflux;

import java.time.Duration;
import java.util.Objects;

import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.engine.TransportSession;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * Bridges one Reactor Netty WebSocket to the engine's {@link TransportSession}, opened by
 * {@link WampHandshakeWebHandler} before the upgrade; only {@link WampUpgradeStrategy}
 * calls it, so no socket can reach it without a connection. No WebFlux
 * {@code WebSocketSession} is built and no operator chain is kept per socket: a stateless
 * singleton, everything per-socket lives in the socket's writer and reader, and Netty
 * future listeners do the rest.
 *
 * <p>
 * Outbound, the engine's frames are written straight to the Netty channel by a
 * {@link ChannelWriter}, in order, on the channel's event loop, and, when they complete,
 * the socket is closed with the engine's close status; a peer that does not read them
 * within the close timeout (say, after an outbound overflow) has its socket dropped.
 * Inbound, Reactor Netty's aggregated frames go straight to the engine
 * ({@link InboundReader}): text to {@code receiveText}, binary to {@code receiveBinary}
 * (pongs go to {@code receivePong} from the strict decoder, {@link StrictFraming}); a
 * frame or message over the size limits closes with 1009. The engine learns the status
 * the socket closed with: the peer's close frame (any code; 1005 when it has none, as the
 * writer sees it), the one this side sent, or 1006 when there was none (the socket's
 * close listener, {@link NettySocket}). With an idle timeout, a connection that sends no
 * message for that long is closed with 1001.
 */
final class WampWebSocketHandler {

	/** What the engine is told when the socket ended without a close frame. */
	static final CloseStatus CONNECTION_LOST = new CloseStatus(CloseCodes.ABNORMAL, "Connection lost");

	private final @Nullable Duration idleTimeout;

	private final Duration closeTimeout;

	private final int maxMessageSize;

	/**
	 * @param idleTimeout how long a connection may send nothing, or {@code null} for no
	 * limit
	 * @param closeTimeout how long a closing connection's queued frames may take to be
	 * written before the socket is dropped
	 * @param maxMessageSize the largest message, all its fragments together
	 */
	WampWebSocketHandler(@Nullable Duration idleTimeout, Duration closeTimeout, int maxMessageSize) {
		this.idleTimeout = idleTimeout;
		this.closeTimeout = closeTimeout;
		this.maxMessageSize = maxMessageSize;
	}

	/**
	 * Bridges a socket to the connection the engine opened for its handshake: a
	 * {@link ChannelWriter} for what goes out, an {@link InboundReader} for what comes
	 * in. Called on the channel's event loop.
	 * @param inbound the socket's inbound
	 * @param outbound the socket's outbound
	 * @param channel the socket's channel
	 * @param socket the socket's end, listening to its channel's close since the
	 * handshake
	 * @return never completes: Reactor Netty ends the socket when its channel closes, and
	 * a completion would make it send a close frame of its own
	 */
	Publisher<Void> handle(WebsocketInbound inbound, WebsocketOutbound outbound, Channel channel, NettySocket socket) {
		TransportSession transport = socket.transport;
		// outbound: straight to the channel, on its event loop; the close frame follows
		// the last written frame, and a peer that stops reading cannot hold the socket
		// open past the close timeout
		socket.outbound = outbound;
		ChannelWriter writer = new ChannelWriter(channel, transport, socket, this.closeTimeout);
		writer.start(channel.pipeline(), NettyPipeline.ReactiveBridge);
		Duration idleTimeout = this.idleTimeout;
		InboundReader reader = new InboundReader(transport, channel, writer,
				(idleTimeout != null) ? idleTimeout.toNanos() : 0);
		socket.reading(reader, channel);
		inbound.aggregateFrames(this.maxMessageSize).receiveObject().subscribe(reader);
		return Mono.never();
	}

	/**
	 * One socket's end, made at the handshake and registered as its channel's close
	 * listener before the upgrade (so an upgrade that never reaches the handler is
	 * covered too): when the channel closes, the address's connection is released, the
	 * engine told (1006 unless a status was reported before; the first one reported wins)
	 * and the reader disposed (a reader paused by back-pressure would never ask again,
	 * and the frames Reactor Netty queued for it would never be released: cancelling
	 * makes Reactor Netty discard and release them). For the writer it closes or drops
	 * the socket through Reactor Netty, which then closes the connection. One object and
	 * one close listener per socket, where three listeners needed an array of them.
	 */
	static final class NettySocket implements ChannelWriter.Socket, ChannelFutureListener {

		private static final Logger logger = LoggerFactory.getLogger(NettySocket.class);

		final TransportSession transport;

		/** Gives the address's connection back (does nothing without a limit). */
		private final Runnable release;

		/** Set on the event loop when the socket is bridged, before the writer exists. */
		volatile @Nullable WebsocketOutbound outbound;

		/** Set on the event loop when the socket is bridged. */
		private volatile @Nullable InboundReader reader;

		/**
		 * @param transport the engine's side of the connection
		 * @param release gives the address's connection back
		 */
		NettySocket(TransportSession transport, Runnable release) {
			this.transport = transport;
			this.release = release;
		}

		/** Disposes the reader when the channel closes (at once if it already has). */
		void reading(InboundReader reader, Channel channel) {
			this.reader = reader;
			if (channel.closeFuture().isDone()) {
				reader.dispose();
			}
		}

		/** The channel closed. */
		@Override
		public void operationComplete(ChannelFuture closed) {
			this.release.run();
			this.transport.closed(CONNECTION_LOST);
			InboundReader reader = this.reader;
			if (reader != null) {
				reader.dispose();
			}
		}

		/**
		 * Sends the close frame after what was written, then closes; the engine learns
		 * the status sent (unless the peer's close came first, whose status then stays).
		 */
		@Override
		public void closeWith(CloseStatus status) {
			if (!StrictFraming.isValidCloseCode(status.code())) {
				// a status only ever reported (1006 when the socket was lost), never sent
				drop();
				return;
			}
			this.transport.closed(status);
			bridged().sendClose(status.code(), status.reason())
				.subscribe(null, (error) -> logger.debug("Closing a WAMP socket failed", error));
		}

		/**
		 * Closes the underlying connection at once, discarding what is still buffered.
		 */
		@Override
		public void drop() {
			bridged().withConnection(Connection::dispose);
		}

		/** The outbound: the writer that calls closes exists only once it is set. */
		private WebsocketOutbound bridged() {
			return Objects.requireNonNull(this.outbound, "socket not bridged");
		}

	}

}
