package dev.websocket.server.spring.webflux;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.connection.Frame;
import dev.websocket.server.engine.TransportSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one socket's outbound frames straight to its Netty channel, on the channel's
 * event loop, in order: the engine's queue wakes it (from any thread), its
 * {@link LoopBatch} runs it together with every other socket of the loop that has frames,
 * and it writes what the channel takes, then flushes once.
 *
 * <p>
 * It writes only while the channel is writable (below Netty's write-buffer high-water
 * mark): a peer that reads slowly leaves the rest in the engine's bounded queue, where
 * the count and byte limits, the overflow policy and the read back-pressure apply, rather
 * than in a second queue growing behind Netty's; once the channel drained to its
 * low-water mark writing resumes. Frames are written as the bytes of their WebSocket
 * frame ({@link #framed}). A shared text frame (a broadcast's EVENT) is framed once into
 * one direct buffer kept on the frame, and each receiver writes a retained duplicate of
 * it; the buffer is released when the last queue let go of the frame.
 *
 * <p>
 * A frame of the socket's own (an answer, not a broadcast) sent on its event loop while a
 * read of the socket is under way, with nothing queued before it, is written at once
 * instead: no queue entry, no task, and the read's end flushes it with the rest. This is
 * the path of a CALLRESULT computed during the read of its CALL.
 *
 * <p>
 * When the engine's stream ended (after the last frame queued before a graceful close, or
 * at once on overflow) the socket is closed with the engine's close status; from the
 * moment the connection starts closing its remaining writes get the close timeout, after
 * which the socket is dropped.
 */
final class ChannelWriter extends ChannelInboundHandlerAdapter implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(ChannelWriter.class);

	/** The name of the writer's handler in the channel's pipeline. */
	static final String HANDLER = "wamp.writer";

	/** What the engine learns of a close frame without a code, as Reactor Netty says. */
	private static final CloseStatus NO_STATUS = new CloseStatus(WebSocketCloseStatus.EMPTY.code(),
			WebSocketCloseStatus.EMPTY.reasonText());

	static final int OPCODE_TEXT = 0x1;

	static final int OPCODE_BINARY = 0x2;

	static final int OPCODE_PING = 0x9;

	static final int OPCODE_PONG = 0xA;

	private static final AtomicIntegerFieldUpdater<ChannelWriter> QUEUED = AtomicIntegerFieldUpdater
		.newUpdater(ChannelWriter.class, "queued");

	private final Channel channel;

	private final TransportSession transport;

	private final Socket socket;

	private final LoopBatch batch;

	private final Duration closeTimeout;

	/** 1 while lined up in the batch. */
	private volatile int queued;

	/** Set once the socket was closed after the stream ended; on the event loop only. */
	private boolean finished;

	/**
	 * A read of the socket is under way (from its first message to its end); on the loop
	 * only.
	 */
	private boolean reading;

	/**
	 * Frames were written at once during the read and wait for its flush; on the loop
	 * only.
	 */
	private boolean unflushed;

	/**
	 * @param channel the socket's channel
	 * @param transport the engine's side of the connection
	 * @param socket closes or drops the socket
	 * @param closeTimeout how long a closing connection's frames may take to be written
	 */
	ChannelWriter(Channel channel, TransportSession transport, Socket socket, Duration closeTimeout) {
		this.channel = channel;
		this.transport = transport;
		this.socket = socket;
		this.batch = LoopBatch.of(channel.eventLoop());
		this.closeTimeout = closeTimeout;
	}

	/**
	 * Starts writing: watches the channel's writability and takes the connection's
	 * outbound frames. Call on the channel's event loop.
	 * @param pipeline where to add the writability watch (before {@code beforeHandler}),
	 * or {@code null} to add it last
	 * @param beforeHandler the name of the handler to add it before
	 */
	void start(ChannelPipeline pipeline, String beforeHandler) {
		if (pipeline.get(beforeHandler) != null) {
			pipeline.addBefore(beforeHandler, HANDLER, this);
		}
		else {
			pipeline.addLast(HANDLER, this);
		}
		this.transport.onClosing(this::closing);
		this.transport.attachOutbound(this::wake, this::writeNow);
	}

	/**
	 * Writes a frame of this socket's own at once, during a read of the socket, on its
	 * event loop, while nothing is queued before it: the answer to a CALL of the read
	 * goes out with the read's flush, with no queue entry and no task.
	 * @param frame the frame
	 * @return whether it was written; {@code false}: it goes through the queue
	 */
	private boolean writeNow(Frame.Text frame) {
		if (!this.channel.eventLoop().inEventLoop() || !this.reading || this.finished || !this.channel.isWritable()) {
			return false;
		}
		this.channel.write(framed(this.channel.alloc(), OPCODE_TEXT, frame.utf8()), this.channel.voidPromise());
		this.unflushed = true;
		return true;
	}

	/**
	 * Writes what the messages read so far caused: the frames lined up on this loop, and
	 * this socket's own written at once, each socket flushed once. Call on the loop.
	 */
	void writePending() {
		this.batch.runPending();
		flushOwn();
	}

	/** Flushes the frames written at once during the read. */
	private void flushOwn() {
		if (this.unflushed) {
			this.unflushed = false;
			this.channel.flush();
		}
	}

	/** Frames were queued or the stream ended: line up for the loop's next batch. */
	void wake() {
		if (QUEUED.compareAndSet(this, 0, 1)) {
			this.batch.add(this);
		}
	}

	@Override
	public void run() {
		this.queued = 0;
		write();
	}

	/** Writes what the channel takes, flushes once, and closes once the stream ended. */
	private void write() {
		if (this.finished) {
			return;
		}
		boolean wrote = false;
		try {
			while (this.channel.isWritable()) {
				Frame frame = this.transport.pollFrame();
				if (frame == null) {
					break;
				}
				ByteBuf out;
				try {
					out = toWire(frame, this.channel.alloc());
				}
				finally {
					if (frame instanceof Frame.Text text) {
						text.release();
					}
				}
				this.channel.write(out, this.channel.voidPromise());
				wrote = true;
			}
			// graceful: every frame was written; on overflow: at once, even to a peer
			// that does not read (the close timeout then drops it)
			if (this.transport.outboundEnded()) {
				this.finished = true;
				if (wrote || this.unflushed) {
					wrote = false;
					this.unflushed = false;
					this.channel.flush();
				}
				if (this.channel.isActive()) {
					this.socket.closeWith(this.transport.closeStatus());
				}
			}
		}
		finally {
			if (wrote) {
				this.unflushed = false;
				this.channel.flush();
			}
		}
	}

	/**
	 * The peer's close frame: the engine learns its status (any code, 1005 when it has
	 * none) as Reactor Netty, further on, echoes it and closes the socket. A close frame
	 * the strict decoder refused never gets here.
	 */
	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		if (!this.reading) {
			this.reading = true;
			this.batch.readStarted();
		}
		if (msg instanceof CloseWebSocketFrame close && close.isFinalFragment()) {
			int code = close.statusCode();
			this.transport.closed((code != -1) ? new CloseStatus(code, close.reasonText()) : NO_STATUS);
		}
		super.channelRead(ctx, msg);
	}

	/**
	 * The socket's read round ended: what its messages caused for sockets of this loop
	 * goes out now, every socket flushed once for all of them.
	 */
	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
		this.reading = false;
		this.batch.readEnded();
		flushOwn();
		super.channelReadComplete(ctx);
	}

	/** Writes on once the channel drained below its low-water mark. */
	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
		if (ctx.channel().isWritable()) {
			write();
		}
		super.channelWritabilityChanged(ctx);
	}

	/**
	 * The connection started closing: its remaining frames and the close frame get the
	 * close timeout, then the socket is dropped.
	 */
	private void closing() {
		try {
			Future<?> timeout = this.channel.eventLoop()
				.schedule(this::closeTimedOut, this.closeTimeout.toNanos(), TimeUnit.NANOSECONDS);
			this.channel.closeFuture().addListener((closed) -> timeout.cancel(false));
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			// the loop is shutting down and closes the socket itself
			logger.debug("Event loop refused the close timeout: shutting down");
		}
	}

	private void closeTimedOut() {
		if (this.channel.isActive()) {
			logger.debug("WAMP socket did not close within {}; dropping it", this.closeTimeout);
			this.transport.closed(this.transport.closeStatus());
			this.socket.drop();
		}
	}

	/**
	 * An engine frame as the bytes of its WebSocket frame. A shared text frame (a
	 * broadcast's EVENT) is framed once, into one direct buffer kept on the frame, and
	 * each receiver gets a retained duplicate of it.
	 */
	static ByteBuf toWire(Frame frame, ByteBufAllocator allocator) {
		if (frame instanceof Frame.Text text) {
			if (!text.isShared()) {
				return framed(allocator, OPCODE_TEXT, text.utf8());
			}
			Frame.Encoded encoded = text.encoded();
			if (encoded == null) {
				encoded = text.cache(new SharedBuffer(framed(allocator, OPCODE_TEXT, text.utf8())));
			}
			return ((SharedBuffer) encoded).buffer.retainedDuplicate();
		}
		if (frame instanceof Frame.Binary binary) {
			return framed(allocator, OPCODE_BINARY, binary.data());
		}
		if (frame instanceof Frame.Ping ping) {
			return framed(allocator, OPCODE_PING, ping.data());
		}
		return framed(allocator, OPCODE_PONG, ((Frame.Pong) frame).data());
	}

	/**
	 * One whole RFC 6455 frame as a server sends it (final, unmasked, no extension bits),
	 * header and payload in one direct buffer: what Netty's frame encoder, which passes
	 * bytes through untouched, would have written for the Netty frame, without the frame
	 * object, the encoder's output list and its per-frame log-level checks. The socket
	 * speaks version 13 with no extension (none is offered, and the strict decoder
	 * refuses extension bits), so these are exactly its frames.
	 * @param allocator the channel's allocator
	 * @param opcode the frame's opcode
	 * @param payload the payload
	 * @return the frame's bytes
	 */
	static ByteBuf framed(ByteBufAllocator allocator, int opcode, byte[] payload) {
		int length = payload.length;
		int header = (length < 126) ? 2 : (length <= 0xFFFF) ? 4 : 10;
		ByteBuf out = allocator.directBuffer(header + length);
		out.writeByte(0x80 | opcode);
		if (length < 126) {
			out.writeByte(length);
		}
		else if (length <= 0xFFFF) {
			out.writeByte(126);
			out.writeShort(length);
		}
		else {
			out.writeByte(127);
			out.writeLong(length);
		}
		return out.writeBytes(payload);
	}

	/** How the writer ends its socket. */
	interface Socket {

		/**
		 * Sends the close frame after what was written, then closes.
		 * @param status the engine's close status
		 */
		void closeWith(CloseStatus status);

		/** Closes the connection at once, discarding what is still buffered. */
		void drop();

	}

	/**
	 * One broadcast's EVENT in one direct buffer, released with the frame's last hold.
	 */
	private record SharedBuffer(ByteBuf buffer) implements Frame.Encoded {

		@Override
		public void release() {
			this.buffer.release();
		}

	}

}
