package dev.websocket.server.engine;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import dev.websocket.server.connection.Frame;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Operators;

/**
 * One connection's outbound frames: a lock-free multi-producer queue bounded by frame
 * count and bytes, drained by its single subscriber (the transport) as it requests.
 * Producers are any thread (broadcasts come from wherever a publication is delivered);
 * draining is serialized by a work-in-progress counter, so at most one thread emits at a
 * time.
 *
 * <p>
 * The counters track what is queued and not yet handed to the transport.
 * {@link #complete()} ends the stream after the frames already queued; {@link #abort()}
 * discards them and ends it at once.
 *
 * <p>
 * Besides its bounds the queue has a high-water mark (a fraction of both bounds) and a
 * low-water mark (half of it): {@link #pauseAbove} tells the transport to stop reading
 * from the connection while the queue is over the high mark, and calls it back once it is
 * down to the low mark, so a client that sends faster than it reads waits instead of
 * overflowing its own queue.
 *
 * <p>
 * The transport takes the frames in one of two ways: it subscribes (a Reactive Streams
 * consumer, emitted to on whichever thread drains), or it {@link #attach attaches} a
 * wake-up and {@link #poll polls} the frames on its own thread, which lets it write them
 * where they belong (the socket's event loop) and flush once per batch. A queue holds
 * every {@link Frame.Text#isShared() shared} frame it accepted once and lets go of it
 * once, whether the frame is emitted (after the subscriber's {@code onNext}), polled (the
 * poller lets go of it), or discarded.
 */
final class OutboundQueue implements Publisher<Frame> {

	/** The result of {@link #offer}. */
	enum Offer {

		/** Queued. */
		ACCEPTED,
		/** The queue is full by count or bytes. */
		OVERFLOW,
		/** The stream has ended or is ending; the frame was dropped. */
		CLOSED

	}

	private final int maxMessages;

	private final long maxBytes;

	private final int pauseMessages;

	private final long pauseBytes;

	private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();

	// Field updaters rather than atomic objects: one queue per connection, so every
	// object counts.
	private static final AtomicIntegerFieldUpdater<OutboundQueue> QUEUED_MESSAGES = AtomicIntegerFieldUpdater
		.newUpdater(OutboundQueue.class, "queuedMessages");

	private static final AtomicLongFieldUpdater<OutboundQueue> QUEUED_BYTES = AtomicLongFieldUpdater
		.newUpdater(OutboundQueue.class, "queuedBytes");

	private static final AtomicIntegerFieldUpdater<OutboundQueue> WIP = AtomicIntegerFieldUpdater
		.newUpdater(OutboundQueue.class, "wip");

	private static final AtomicLongFieldUpdater<OutboundQueue> REQUESTED = AtomicLongFieldUpdater
		.newUpdater(OutboundQueue.class, "requested");

	private static final AtomicIntegerFieldUpdater<OutboundQueue> SUBSCRIBED_ONCE = AtomicIntegerFieldUpdater
		.newUpdater(OutboundQueue.class, "subscribedOnce");

	private volatile int queuedMessages;

	private volatile long queuedBytes;

	private volatile int wip;

	private volatile long requested;

	private volatile int subscribedOnce;

	private static final AtomicReferenceFieldUpdater<OutboundQueue, @Nullable Runnable> RESUME = AtomicReferenceFieldUpdater
		.newUpdater(OutboundQueue.class, Runnable.class, "resume");

	/** Runs once the queue drained to its low-water mark, while reading is paused. */
	private volatile @Nullable Runnable resume;

	private static final AtomicReferenceFieldUpdater<OutboundQueue, @Nullable Runnable> ENDING = AtomicReferenceFieldUpdater
		.newUpdater(OutboundQueue.class, Runnable.class, "ending");

	/** Runs once when {@link #complete()} or {@link #abort()} is first called. */
	private volatile @Nullable Runnable ending;

	private volatile @Nullable Subscriber<? super Frame> subscriber;

	/** The poller's wake-up, when the transport polls instead of subscribing. */
	private volatile @Nullable Runnable wakeup;

	/** The poller's writer of frames it can take at once, set before the wake-up. */
	private volatile TransportSession.@Nullable ImmediateWriter immediate;

	private volatile boolean done;

	private volatile boolean aborted;

	private volatile boolean cancelled;

	private volatile boolean terminated;

	private final Runnable onTerminate;

	/**
	 * @param maxMessages the most frames queued at once
	 * @param maxBytes the most bytes queued at once
	 * @param onTerminate runs once when the stream completes or is cancelled
	 */
	OutboundQueue(int maxMessages, long maxBytes, Runnable onTerminate) {
		this(maxMessages, maxBytes, 1.0, onTerminate);
	}

	/**
	 * @param maxMessages the most frames queued at once
	 * @param maxBytes the most bytes queued at once
	 * @param pauseAt the high-water mark as a fraction of both bounds
	 * @param onTerminate runs once when the stream completes or is cancelled
	 */
	OutboundQueue(int maxMessages, long maxBytes, double pauseAt, Runnable onTerminate) {
		this.maxMessages = maxMessages;
		this.maxBytes = maxBytes;
		this.pauseMessages = Math.max(1, (int) (maxMessages * pauseAt));
		this.pauseBytes = Math.max(1, (long) (maxBytes * pauseAt));
		this.onTerminate = onTerminate;
	}

	/**
	 * Queues a frame unless the stream is ending or the queue would exceed a bound.
	 * @param frame the frame
	 * @return what happened
	 */
	Offer offer(Frame frame) {
		if (done || cancelled) {
			return Offer.CLOSED;
		}
		// nothing queued before it (a producer that reserved a place counts) and within
		// the byte bound (a larger frame overflows, as it would queued): the poller may
		// write it now, in order, and it never enters the queue
		TransportSession.ImmediateWriter now = this.immediate;
		if (now != null && queuedMessages == 0 && frame instanceof Frame.Text text && !text.isShared()
				&& text.size() <= maxBytes && now.writeNow(text)) {
			return Offer.ACCEPTED;
		}
		int size = frame.size();
		// Reserve first, then check: concurrent producers can never push the queue past
		// its bounds,
		// and the stream never completes while a reservation is outstanding (see emit),
		// so a frame
		// that passes the check below is emitted even when complete() runs meanwhile.
		int messages = QUEUED_MESSAGES.incrementAndGet(this);
		long bytes = QUEUED_BYTES.addAndGet(this, size);
		boolean closed = done || cancelled;
		if (closed || messages > maxMessages || bytes > maxBytes) {
			release(size);
			// The reservation may have held back the end of the stream: let the drain
			// finish it.
			drain();
			return closed ? Offer.CLOSED : Offer.OVERFLOW;
		}
		hold(frame);
		queue.offer(frame);
		Runnable poller = wakeup;
		if (poller != null && !aborted && !cancelled) {
			// a poller only needs waking: it polls, and ends the stream when it finds it
			// drained (ended()), so the drain's serialization is not needed here
			poller.run();
		}
		else {
			drain();
		}
		return Offer.ACCEPTED;
	}

	private static void hold(Frame frame) {
		if (frame instanceof Frame.Text text) {
			text.retain();
		}
	}

	/**
	 * Lets go of the hold a queue had on a frame it handed over or discarded.
	 * @param frame the frame
	 */
	static void letGo(Frame frame) {
		if (frame instanceof Frame.Text text) {
			text.release();
		}
	}

	private void release(int size) {
		QUEUED_MESSAGES.decrementAndGet(this);
		QUEUED_BYTES.addAndGet(this, -size);
	}

	/** Ends the stream once the frames queued so far have been emitted. */
	void complete() {
		done = true;
		runEnding();
		drain();
	}

	/** Discards the queued frames and ends the stream at once. */
	void abort() {
		aborted = true;
		done = true;
		runEnding();
		drain();
	}

	/**
	 * Runs a callback once the stream starts ending ({@link #complete()} or
	 * {@link #abort()}), at once when it already has: the transport times the writes of a
	 * closing connection from then, since a peer that stopped reading keeps frames queued
	 * and the stream from completing.
	 * @param callback runs once, on the thread that ended the stream
	 */
	void whenEnding(Runnable callback) {
		ENDING.set(this, callback);
		if (done) {
			runEnding();
		}
	}

	private void runEnding() {
		Runnable callback = ENDING.getAndSet(this, null);
		if (callback != null) {
			callback.run();
		}
	}

	/**
	 * Whether the transport should stop reading: the queue is at or over its high-water
	 * mark. Then {@code resume} runs once, when the queue is down to its low-water mark
	 * or the stream ended, on the thread that drained it (the callback should hand over
	 * to its own thread). One pause at a time: a new one replaces a waiting callback.
	 * @param resume restarts reading
	 * @return whether reading should pause ({@code resume} registered); {@code false}:
	 * read on, {@code resume} will not run
	 */
	boolean pauseAbove(Runnable resume) {
		if (queuedMessages < pauseMessages && queuedBytes < pauseBytes) {
			return false;
		}
		RESUME.set(this, resume);
		// the drain may have passed the low mark (or ended the stream) before the set
		if ((isAtLowWater() || terminated) && RESUME.compareAndSet(this, resume, null)) {
			return false;
		}
		return true;
	}

	private boolean isAtLowWater() {
		return queuedMessages <= pauseMessages / 2 && queuedBytes <= pauseBytes / 2;
	}

	/** Runs the waiting resume callback, if any, when the queue is at its low mark. */
	private void resumeIfDrained(boolean ended) {
		if (resume != null && (ended || isAtLowWater())) {
			Runnable waiting = RESUME.getAndSet(this, null);
			if (waiting != null) {
				waiting.run();
			}
		}
	}

	/** Frames queued and not yet handed to the transport. */
	int queuedMessages() {
		return queuedMessages;
	}

	/** Bytes queued and not yet handed to the transport. */
	long queuedBytes() {
		return queuedBytes;
	}

	/**
	 * Takes the frames by polling rather than subscribing: {@code wakeup} runs, on any
	 * thread, whenever a frame was queued or the stream ended (often more than once per
	 * frame: the poller coalesces), and the poller then {@link #poll polls} on its own
	 * thread until nothing is left and checks {@link #ended}.
	 * @param wakeup asks the poller to poll soon; must not block
	 */
	void attach(Runnable wakeup) {
		attach(wakeup, TransportSession.ImmediateWriter.NONE);
	}

	/**
	 * Polling, as {@link #attach(Runnable)}, with a writer that takes a frame at once
	 * when it can: offered a frame of its own (not shared) within the byte bound only
	 * while nothing is queued and the stream is not ending; what it takes never enters
	 * the queue.
	 * @param wakeup asks the poller to poll soon; must not block
	 * @param immediate writes a frame on the caller's thread when it can
	 */
	void attach(Runnable wakeup, TransportSession.ImmediateWriter immediate) {
		if (!SUBSCRIBED_ONCE.compareAndSet(this, 0, 1)) {
			throw new IllegalStateException("The outbound stream allows one consumer");
		}
		this.immediate = immediate;
		this.wakeup = wakeup;
		drain();
	}

	/**
	 * The next frame for a poller ({@link #attach}), which then holds it: it must
	 * {@link Frame.Text#release() let go} of a shared frame once written or dropped.
	 * Called by one thread at a time.
	 * @return the frame, or {@code null} when nothing is queued or the stream was aborted
	 */
	@Nullable Frame poll() {
		if (aborted || cancelled) {
			return null;
		}
		Frame frame = queue.poll();
		if (frame != null) {
			release(frame.size());
			resumeIfDrained(false);
		}
		return frame;
	}

	/**
	 * Whether the stream ended for a poller: it was aborted or cancelled, or completed
	 * and every frame was polled. Ask after {@link #poll} returned {@code null} or when
	 * the socket takes no more for now; once {@code true} the transport closes the
	 * socket.
	 * @return whether the stream ended
	 */
	boolean ended() {
		if (!terminated && (cancelled || aborted || isDrained())) {
			drain();
		}
		return terminated;
	}

	/** The poller is gone (the socket closed): discard what is queued and end. */
	void detach() {
		cancelled = true;
		drain();
	}

	@Override
	public void subscribe(Subscriber<? super Frame> actual) {
		if (!SUBSCRIBED_ONCE.compareAndSet(this, 0, 1)) {
			Operators.error(actual, new IllegalStateException("The outbound stream allows one subscriber"));
			return;
		}
		actual.onSubscribe(new Subscription() {
			@Override
			public void request(long n) {
				if (Operators.validate(n)) {
					addRequest(n);
					drain();
				}
			}

			@Override
			public void cancel() {
				cancelled = true;
				drain();
			}
		});
		subscriber = actual;
		drain();
	}

	private void drain() {
		if (WIP.getAndIncrement(this) != 0) {
			return;
		}
		int missed = 1;
		for (;;) {
			if (terminated) {
				discardQueued();
			}
			else {
				Subscriber<? super Frame> actual = subscriber;
				Runnable poller = wakeup;
				if (cancelled || aborted) {
					discardQueued();
					if (actual != null || poller != null || cancelled) {
						terminate((cancelled) ? null : actual);
					}
					if (poller != null) {
						poller.run();
					}
				}
				else if (actual != null) {
					emit(actual);
				}
				else if (poller != null) {
					if (isDrained()) {
						terminate(null);
					}
					poller.run();
				}
			}
			missed = WIP.addAndGet(this, -missed);
			if (missed == 0) {
				return;
			}
		}
	}

	/**
	 * Drops what is queued, releasing each frame's reservation (not reset: producers may
	 * hold some).
	 */
	private void discardQueued() {
		Frame frame;
		while ((frame = queue.poll()) != null) {
			release(frame.size());
			letGo(frame);
		}
	}

	/**
	 * Whether the stream may end: complete() was called and nothing is queued or
	 * reserved. A producer that reserved before seeing {@code done} is still on its way
	 * to the queue, and its frame must be emitted first.
	 */
	private boolean isDrained() {
		return done && queuedMessages == 0;
	}

	private void emit(Subscriber<? super Frame> actual) {
		long wanted = requested;
		long emitted = 0;
		while (emitted != wanted) {
			if (cancelled || aborted) {
				return;
			}
			Frame frame = queue.poll();
			if (frame == null) {
				if (isDrained()) {
					terminate(actual);
				}
				break;
			}
			release(frame.size());
			try {
				actual.onNext(frame);
			}
			finally {
				letGo(frame);
			}
			emitted++;
		}
		if (emitted == wanted && !terminated && !cancelled && !aborted && isDrained()) {
			terminate(actual);
		}
		if (emitted != 0 && wanted != Long.MAX_VALUE) {
			REQUESTED.addAndGet(this, -emitted);
		}
		if (emitted != 0) {
			resumeIfDrained(false);
		}
	}

	private void terminate(@Nullable Subscriber<? super Frame> actual) {
		if (terminated) {
			return;
		}
		terminated = true;
		try {
			if (actual != null) {
				actual.onComplete();
			}
		}
		finally {
			onTerminate.run();
			resumeIfDrained(true);
		}
	}

	private void addRequest(long n) {
		for (;;) {
			long current = requested;
			if (current == Long.MAX_VALUE) {
				return;
			}
			long next = current + n;
			if (next < 0) {
				next = Long.MAX_VALUE;
			}
			if (REQUESTED.compareAndSet(this, current, next)) {
				return;
			}
		}
	}

}
