package dev.websocket.server.spring.webflux;

import java.time.Duration;

import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.engine.TransportSession;
import io.netty.channel.Channel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.NettyPipeline;

import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * Bridges one WebFlux {@link WebSocketSession} to the engine's {@link TransportSession},
 * opened by {@link WampHandshakeWebHandler} before the upgrade; only that handler uses
 * it, so no socket can reach it without a connection. A stateless singleton: everything
 * per-socket lives inside the pipeline built for each socket.
 *
 * <p>
 * Outbound, the engine's frames are written straight to the Netty channel by a
 * {@link ChannelWriter}, in order, on the channel's event loop, and, when they complete,
 * the socket is closed with the engine's close status; a peer that does not read them
 * within the close timeout (say, after an outbound overflow) has its socket dropped.
 * Inbound, text goes to {@code receiveText}, binary to {@code receiveBinary} and pongs to
 * {@code receivePong}; a frame or message over the size limits closes with 1009. When the
 * socket closes its status reaches {@code closed} (1006 when there was none). With an
 * idle timeout, a connection that sends no message for that long is closed with 1001.
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
	 * Bridges a socket to the connection the engine opened for its handshake, as one
	 * pipeline.
	 * @param session the WebFlux session
	 * @param transport the engine's side of the connection
	 * @return completes when the socket is closed and both directions ended
	 */
	Mono<Void> handle(WebSocketSession session, TransportSession transport) {
		if (!(session instanceof DroppableSession netty)) {
			throw new IllegalStateException("Not a Reactor Netty WebSocket session: " + session.getClass().getName());
		}
		// as few operators as possible: each one is a few objects kept for the socket's
		// whole life
		Mono<CloseStatus> socketClosed = closeStatus(netty).defaultIfEmpty(CONNECTION_LOST)
			.onErrorReturn(CONNECTION_LOST)
			.doOnNext(transport::closed)
			.cache();
		// outbound: straight to the channel, on its event loop (see ChannelWriter); the
		// close frame follows the last written frame, and a peer that stops reading
		// cannot hold the socket open past the close timeout
		Channel channel = netty.channel();
		ChannelWriter writer = new ChannelWriter(channel, transport, netty, this.closeTimeout);
		writer.start(channel.pipeline(), NettyPipeline.ReactiveBridge);
		Duration idleTimeout = this.idleTimeout;
		InboundReader reader = new InboundReader(transport, WampWebSocketHandler::dispatch, channel.eventLoop(),
				writer.batch(), idleTimeout != null);
		Mono<Void> inbound = Mono.defer(() -> {
			session.receive().subscribe(reader);
			return reader.done();
		});
		if (idleTimeout == null) {
			return Mono.when(inbound, socketClosed);
		}
		return Mono.when(inbound, socketClosed, idleWatch(reader, transport, idleTimeout).takeUntilOther(socketClosed));
	}

	/**
	 * Closes the connection with 1001 once no message arrived for the idle timeout. It
	 * polls a timestamp rather than cancelling the receive stream (which would close the
	 * socket at once).
	 */
	private static Mono<Void> idleWatch(InboundReader reader, TransportSession transport, Duration timeout) {
		return Mono.defer(() -> {
			long remaining = timeout.toNanos() - (System.nanoTime() - reader.lastMessage());
			if (remaining <= 0) {
				transport.connection().close(CloseCodes.GOING_AWAY, "Idle timeout");
				return Mono.empty();
			}
			return Mono.delay(Duration.ofNanos(remaining)).then(idleWatch(reader, transport, timeout));
		});
	}

	/** A binary message's payload (a {@code wamp.2.cbor} session decodes it). */
	private static byte[] bytes(WebSocketMessage message) {
		org.springframework.core.io.buffer.DataBuffer payload = message.getPayload();
		byte[] bytes = new byte[payload.readableByteCount()];
		payload.read(bytes);
		return bytes;
	}

	private static void dispatch(TransportSession transport, WebSocketMessage message) {
		switch (message.getType()) {
			case TEXT -> transport.receiveText(message.getPayloadAsText());
			case BINARY -> transport.receiveBinary(bytes(message));
			case PONG -> transport.receivePong();
			case PING -> {
				// Reactor Netty answers pings itself
			}
		}
	}

	static void inboundFailed(TransportSession transport, Throwable error) {
		if (error instanceof CorruptedWebSocketFrameException corrupted) {
			// Netty's decoder already sent the close frame (1009 for a frame over the
			// limit)
			CloseStatus status = new CloseStatus(corrupted.closeStatus().code(), corrupted.closeStatus().reasonText());
			transport.closed(status);
		}
		else if (error instanceof TooLongFrameException) {
			// the fragments of one message add up to more than the message limit
			transport.connection().close(CloseCodes.MESSAGE_TOO_BIG, "Message too big");
		}
		else {
			transport.error(error);
		}
	}

	/**
	 * The status the socket closed with, read from Reactor Netty: Spring's own
	 * {@code closeStatus()} fails on codes it does not model (5000 and above), which left
	 * the engine unaware of the close.
	 */
	private static Mono<CloseStatus> closeStatus(DroppableSession session) {
		return session.nettyCloseStatus().map((status) -> new CloseStatus(status.code(), status.reasonText()));
	}

}
