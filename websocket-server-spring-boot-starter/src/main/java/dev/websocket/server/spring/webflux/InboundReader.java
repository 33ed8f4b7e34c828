package dev.websocket.server.spring.webflux;

import java.util.concurrent.TimeUnit;

import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.engine.TransportSession;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/**
 * Reads one socket's messages into the engine, straight from Reactor Netty's inbound
 * (aggregated Netty frames, no Spring message wrapping and no operator chain): text goes
 * to {@code receiveText}, binary to {@code receiveBinary} and pongs to
 * {@code receivePong} (Reactor Netty answers pings and close frames itself and releases
 * each frame once it was handled). What the messages of one read caused for sockets of
 * this event loop goes out when the read ends
 * ({@link ChannelWriter#channelReadComplete}), or after every half {@link #BATCH} of
 * messages of a longer read, each socket flushed once for all of them.
 *
 * <p>
 * Back-pressure on the sender: it asks for messages a few at a time and, while the
 * connection's own outbound queue is over its high-water mark, asks for no more until the
 * engine calls back, so Reactor Netty stops reading the socket (auto-read off) and a
 * client that sends faster than it reads waits instead of overflowing its queue. At most
 * {@link #BATCH} messages are requested ahead, so that many can still arrive once the
 * mark is passed. Messages arrive on the socket's event loop; the engine's call back is
 * handed over to it.
 *
 * <p>
 * With an idle timeout, a connection that sends no text or binary message for that long
 * is closed with 1001 (a timer on the event loop checks the time of the last message, so
 * nothing is cancelled per message). A failure of the inbound: a frame the strict decoder
 * refused was answered with its close frame already (1002, 1007, 1009) and the engine
 * learns its status; a message whose fragments add up to more than the limit closes with
 * 1009; anything else goes to the engine's error chain.
 */
final class InboundReader extends BaseSubscriber<Object> {

	/** Messages requested ahead of the one being handled. */
	static final int BATCH = 16;

	private final TransportSession transport;

	private final Channel channel;

	private final ChannelWriter writer;

	/** The idle timeout in nanoseconds, 0 for none. */
	private final long idleNanos;

	/** Created once: the engine holds it while reading is paused. */
	private final Runnable resume = this::resume;

	/** Messages handled since the last request; touched on the event loop only. */
	private int handled;

	/** When the last text or binary message arrived; touched on the event loop only. */
	private long lastMessage = System.nanoTime();

	/**
	 * @param transport the engine's side of the connection
	 * @param channel the socket's channel
	 * @param writer the socket's writer, which writes what the messages caused
	 * @param idleNanos the idle timeout in nanoseconds, 0 for none
	 */
	InboundReader(TransportSession transport, Channel channel, ChannelWriter writer, long idleNanos) {
		this.transport = transport;
		this.channel = channel;
		this.writer = writer;
		this.idleNanos = idleNanos;
	}

	@Override
	protected void hookOnSubscribe(Subscription subscription) {
		// disposed when the socket closes by the socket's close listener
		// (WampWebSocketHandler.NettySocket), so that a reader paused by back-pressure
		// lets Reactor Netty release the frames it queued
		if (this.idleNanos > 0) {
			this.channel.eventLoop().schedule(this::checkIdle, this.idleNanos, TimeUnit.NANOSECONDS);
		}
		subscription.request(BATCH);
	}

	@Override
	protected void hookOnNext(Object message) {
		// Reactor Netty releases the frame once this returns
		if (message instanceof TextWebSocketFrame text) {
			this.lastMessage = System.nanoTime();
			this.transport.receiveText(text.text());
		}
		else if (message instanceof BinaryWebSocketFrame binary) {
			this.lastMessage = System.nanoTime();
			this.transport.receiveBinary(ByteBufUtil.getBytes(binary.content()));
		}
		else if (message instanceof PongWebSocketFrame) {
			this.transport.receivePong();
		}
		// replenish half a batch at a time, so demand stays above zero while reading on;
		// what that half batch caused for sockets of this loop goes out first, so a read
		// of many messages does not pile up more than half a batch in their queues
		if (++this.handled == BATCH / 2) {
			this.handled = 0;
			this.writer.writePending();
			if (!this.transport.pauseReading(this.resume)) {
				request(BATCH / 2);
			}
		}
	}

	/** The outbound queue drained to its low-water mark: read on, on the event loop. */
	private void resume() {
		this.channel.eventLoop().execute(() -> {
			if (!isDisposed()) {
				request(BATCH / 2);
			}
		});
	}

	@Override
	protected void hookOnError(Throwable error) {
		if (error instanceof CorruptedWebSocketFrameException corrupted) {
			// Netty's decoder already sent the close frame (1009 for a frame over the
			// limit)
			this.transport
				.closed(new CloseStatus(corrupted.closeStatus().code(), corrupted.closeStatus().reasonText()));
		}
		else if (error instanceof TooLongFrameException) {
			// the fragments of one message add up to more than the message limit
			this.transport.connection().close(CloseCodes.MESSAGE_TOO_BIG, "Message too big");
		}
		else {
			this.transport.error(error);
		}
	}

	/**
	 * Closes the connection with 1001 once no message arrived for the idle timeout;
	 * otherwise checks again when the timeout would end.
	 */
	private void checkIdle() {
		if (isDisposed() || !this.channel.isActive()) {
			return;
		}
		long remaining = this.idleNanos - (System.nanoTime() - this.lastMessage);
		if (remaining <= 0) {
			this.transport.connection().close(CloseCodes.GOING_AWAY, "Idle timeout");
			return;
		}
		this.channel.eventLoop().schedule(this::checkIdle, remaining, TimeUnit.NANOSECONDS);
	}

}
