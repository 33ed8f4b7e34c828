package dev.websocket.server.engine;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.websocket.server.connection.Frame;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Operators;

/**
 * One connection's outbound frames: a lock-free multi-producer queue bounded by frame count and
 * bytes, drained by its single subscriber (the transport) as it requests. Producers are any
 * thread (broadcasts come from wherever a publication is delivered); draining is serialized by a
 * work-in-progress counter, so at most one thread emits at a time.
 *
 * <p>The counters track what is queued and not yet handed to the transport. {@link #complete()}
 * ends the stream after the frames already queued; {@link #abort()} discards them and ends it at
 * once.
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

	private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queuedMessages = new AtomicInteger();

	private final AtomicLong queuedBytes = new AtomicLong();

	private final AtomicInteger wip = new AtomicInteger();

	private final AtomicLong requested = new AtomicLong();

	private final AtomicBoolean subscribedOnce = new AtomicBoolean();

	private volatile @Nullable Subscriber<? super Frame> subscriber;

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
		this.maxMessages = maxMessages;
		this.maxBytes = maxBytes;
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
		int size = frame.size();
		// Reserve first, then check: concurrent producers can never push the queue past its bounds,
		// and the stream never completes while a reservation is outstanding (see emit), so a frame
		// that passes the check below is emitted even when complete() runs meanwhile.
		int messages = queuedMessages.incrementAndGet();
		long bytes = queuedBytes.addAndGet(size);
		boolean closed = done || cancelled;
		if (closed || messages > maxMessages || bytes > maxBytes) {
			release(size);
			// The reservation may have held back the end of the stream: let the drain finish it.
			drain();
			return closed ? Offer.CLOSED : Offer.OVERFLOW;
		}
		queue.offer(frame);
		drain();
		return Offer.ACCEPTED;
	}

	private void release(int size) {
		queuedMessages.decrementAndGet();
		queuedBytes.addAndGet(-size);
	}

	/** Ends the stream once the frames queued so far have been emitted. */
	void complete() {
		done = true;
		drain();
	}

	/** Discards the queued frames and ends the stream at once. */
	void abort() {
		aborted = true;
		done = true;
		drain();
	}

	/** Frames queued and not yet handed to the transport. */
	int queuedMessages() {
		return queuedMessages.get();
	}

	/** Bytes queued and not yet handed to the transport. */
	long queuedBytes() {
		return queuedBytes.get();
	}

	/** Whether the stream completed or was cancelled. */
	boolean isTerminated() {
		return terminated;
	}

	@Override
	public void subscribe(Subscriber<? super Frame> actual) {
		if (!subscribedOnce.compareAndSet(false, true)) {
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
		if (wip.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		for (;;) {
			if (terminated) {
				discardQueued();
			}
			else {
				Subscriber<? super Frame> actual = subscriber;
				if (cancelled || aborted) {
					discardQueued();
					if (actual != null || cancelled) {
						terminate((cancelled) ? null : actual);
					}
				}
				else if (actual != null) {
					emit(actual);
				}
			}
			missed = wip.addAndGet(-missed);
			if (missed == 0) {
				return;
			}
		}
	}

	/** Drops what is queued, releasing each frame's reservation (not reset: producers may hold some). */
	private void discardQueued() {
		Frame frame;
		while ((frame = queue.poll()) != null) {
			release(frame.size());
		}
	}

	/**
	 * Whether the stream may end: complete() was called and nothing is queued or reserved. A
	 * producer that reserved before seeing {@code done} is still on its way to the queue, and its
	 * frame must be emitted first.
	 */
	private boolean isDrained() {
		return done && queuedMessages.get() == 0;
	}

	private void emit(Subscriber<? super Frame> actual) {
		long wanted = requested.get();
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
			actual.onNext(frame);
			emitted++;
		}
		if (emitted == wanted && !terminated && !cancelled && !aborted && isDrained()) {
			terminate(actual);
		}
		if (emitted != 0 && wanted != Long.MAX_VALUE) {
			requested.addAndGet(-emitted);
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
		}
	}

	private void addRequest(long n) {
		for (;;) {
			long current = requested.get();
			if (current == Long.MAX_VALUE) {
				return;
			}
			long next = current + n;
			if (next < 0) {
				next = Long.MAX_VALUE;
			}
			if (requested.compareAndSet(current, next)) {
				return;
			}
		}
	}
}
