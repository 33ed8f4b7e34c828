package dev.websocket.server.engine;

import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.connection.Frame;
import dev.websocket.server.wamp.WampConnection;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * The transport's side of one connection, returned by {@link WampServer#open}. The
 * transport writes {@link #outbound()} to the socket, reports what it receives, and
 * closes the socket with {@link #closeStatus()} when {@code outbound()} completes.
 */
public interface TransportSession {

	/** The decorated connection handlers see; its identity is stable. */
	WampConnection connection();

	/**
	 * The frames to write, in order, starting with WELCOME. Completes when the connection
	 * must close (after the frames queued before a graceful close, or at once on
	 * overflow); the transport then closes the socket with {@link #closeStatus()}.
	 * Subscribe once.
	 * @return the outbound frames
	 */
	Flux<Frame> outbound();

	/**
	 * Takes the outbound frames by polling instead of subscribing to {@link #outbound()}
	 * (one or the other, once): {@code wakeup} runs on any thread whenever frames were
	 * queued or the stream ended, possibly more often than that; it must not block and
	 * should hand over to the socket's own thread, which then calls {@link #pollFrame()}
	 * until it returns {@code null} (or the socket cannot take more for now) and checks
	 * {@link #outboundEnded()}. This lets a transport write on the socket's thread, in
	 * batches, one flush per batch.
	 * @param wakeup asks the transport to poll soon
	 */
	default void attachOutbound(Runnable wakeup) {
		attachOutbound(wakeup, ImmediateWriter.NONE);
	}

	/**
	 * As {@link #attachOutbound(Runnable)}, with a writer that may take a frame at once,
	 * on the thread that sends it, instead of the frame being queued and polled: it is
	 * offered only a frame of its own (not {@link Frame.Text#isShared() shared}) within
	 * the queue's byte bound (a larger one overflows as it would queued), only while
	 * nothing is queued before it and the connection is not closing, and it takes the
	 * frame only when it can write it in order (on the socket's own thread, with nothing
	 * polled and unwritten): a CALLRESULT computed while the socket's read is under way
	 * goes straight to the socket, with no queue entry and no wake-up. What it takes
	 * counts as queued and handed over, as if polled.
	 * @param wakeup asks the transport to poll soon
	 * @param immediate writes a frame at once when it can
	 */
	void attachOutbound(Runnable wakeup, ImmediateWriter immediate);

	/**
	 * The next outbound frame, in order, after {@link #attachOutbound}. The caller then
	 * holds it: a {@link Frame.Text#isShared() shared} text frame must be
	 * {@link Frame.Text#release() released} once written or dropped. Call from one thread
	 * at a time.
	 * @return the frame, or {@code null} when none is queued (or the stream was aborted)
	 */
	@Nullable Frame pollFrame();

	/**
	 * Whether the outbound stream ended, asked after {@link #pollFrame()} returned
	 * {@code null}: then the transport closes the socket with {@link #closeStatus()}
	 * (every frame queued before a graceful close was polled; on overflow the rest was
	 * discarded).
	 * @return whether the stream ended
	 */
	boolean outboundEnded();

	/**
	 * The status to close the socket with once {@link #outbound()} completed: the one the
	 * connection started closing with ({@link CloseStatus#NORMAL} while it is open).
	 */
	CloseStatus closeStatus();

	/**
	 * A text message arrived: it is decoded and passed through the chain, or the
	 * connection closes with 1007 (malformed) or 1009 (too big).
	 * @param text the payload
	 */
	void receiveText(String text);

	/** A binary message arrived: the connection closes with 1003. */
	void receiveBinary();

	/**
	 * A binary message arrived: decoded on a {@code wamp.2.cbor} session; otherwise as
	 * {@link #receiveBinary()}.
	 * @param data the payload
	 */
	default void receiveBinary(byte[] data) {
		receiveBinary();
	}

	/**
	 * The subprotocol the engine chose from the client's offer, which the transport must
	 * echo in its upgrade response: {@code wamp}, {@code wamp.2.json} or
	 * {@code wamp.2.cbor}; {@code null} when the client offered none the server speaks (a
	 * lenient v1 session).
	 */
	default @Nullable String subprotocol() {
		return null;
	}

	/**
	 * Asks whether to stop reading from the socket: while the connection's own outbound
	 * queue is over its high-water mark (see
	 * {@link WampServerSettings#outboundPauseReadingAt()}) the transport should read no
	 * further message, so a client that sends faster than it reads waits instead of
	 * overflowing its queue. Ask after a message was handled (or after a batch).
	 * @param resume runs once the queue has drained to its low-water mark, or the
	 * connection ended, on the thread that drained it; it should hand over to the
	 * socket's own thread
	 * @return whether to pause; {@code false} means read on and {@code resume} will not
	 * run
	 */
	boolean pauseReading(Runnable resume);

	/**
	 * Registers what to run once the connection starts closing (before its queued frames
	 * are written), or at once when it already is: the transport bounds the time the
	 * remaining writes may take from then. One callback; a second replaces the first.
	 * @param callback runs once
	 */
	void onClosing(Runnable callback);

	/** A pong arrived, answering a keep-alive ping. */
	void receivePong();

	/**
	 * The socket closed (by either side, or dropped). Runs the close chain once:
	 * subscriptions are removed and the listener is told. Safe to call more than once.
	 * @param status the status the socket closed with
	 */
	void closed(CloseStatus status);

	/**
	 * A transport error occurred; the chain's {@code onError} runs.
	 * @param error the error
	 */
	void error(Throwable error);

	/**
	 * Writes an outbound frame at once, on the caller's thread, when the transport can do
	 * so in order; see {@link #attachOutbound(Runnable, ImmediateWriter)}.
	 */
	@FunctionalInterface
	interface ImmediateWriter {

		/** Takes no frame: every frame is queued and polled. */
		ImmediateWriter NONE = (frame) -> false;

		/**
		 * Writes the frame now, or declines.
		 * @param frame a frame of this connection's own, nothing queued before it
		 * @return whether it was written (or handed to the socket); {@code false}: the
		 * frame is queued as usual
		 */
		boolean writeNow(Frame.Text frame);

	}

}
