package dev.websocket.server.spring.webflux;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.PlatformDependent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes waiting on one event loop: sockets of that loop whose outbound queues have
 * frames line up here, from any thread, and one task on the loop writes all of them, each
 * socket flushed once. Every socket that a broadcast reaches on this loop, and every
 * broadcast that arrives before the task ran, shares that one task: a broadcast to a
 * thousand subscribers costs one task per event loop rather than one per subscriber. From
 * the loop's own thread the task is queued without waking the loop and runs once the loop
 * finished its current round of reads, or earlier, when the read that caused it ended
 * ({@link #runPending()}): a CALLRESULT computed on the socket's own loop is written
 * without a hand-off to another thread.
 *
 * <p>
 * During a read on one loop, the batches of other loops that its messages lined sockets
 * up in are not woken at once but when the read ends (or after half a reading batch of
 * messages, with the same-loop writes): a read of several PUBLISHes then costs each other
 * loop one wake-up and each of its subscribers one flush for all of them, rather than one
 * per event. A task on the reading loop wakes them too, should the read's end not be
 * seen.
 */
final class LoopBatch implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(LoopBatch.class);

	private static final ConcurrentMap<EventLoop, LoopBatch> batches = new ConcurrentHashMap<>();

	private static final AtomicIntegerFieldUpdater<LoopBatch> SCHEDULED = AtomicIntegerFieldUpdater
		.newUpdater(LoopBatch.class, "scheduled");

	/** The batch of the loop the calling thread runs, once a read on it started. */
	private static final FastThreadLocal<LoopBatch> OWN = new FastThreadLocal<>();

	private final EventLoop loop;

	private final Queue<ChannelWriter> pending = PlatformDependent.newMpscQueue();

	private volatile int scheduled;

	/**
	 * Other loops' batches lined up during this loop's current read; on this loop only.
	 */
	private final List<LoopBatch> deferred = new ArrayList<>(4);

	/** Wakes the deferred batches should the read's end not be seen. */
	private final Runnable wakeDeferred = this::wakeDeferred;

	/** A read of one of this loop's sockets is under way; on this loop only. */
	private boolean reading;

	/** Whether this loop's thread knows this batch as its own; on this loop only. */
	private boolean own;

	private LoopBatch(EventLoop loop) {
		this.loop = loop;
	}

	/**
	 * The batch of an event loop, one per loop, forgotten when the loop terminates.
	 * @param loop the event loop
	 * @return its batch
	 */
	static LoopBatch of(EventLoop loop) {
		LoopBatch batch = batches.get(loop);
		if (batch != null) {
			return batch;
		}
		return batches.computeIfAbsent(loop, (key) -> {
			try {
				key.terminationFuture().addListener((future) -> batches.remove(key));
			}
			catch (UnsupportedOperationException ex) {
				// a loop that never terminates (Netty's embedded one)
			}
			return new LoopBatch(key);
		});
	}

	/**
	 * Lines a socket up for the next task, scheduling it when none is pending.
	 * @param writer the socket's writer, not lined up yet
	 */
	void add(ChannelWriter writer) {
		this.pending.offer(writer);
		if (SCHEDULED.compareAndSet(this, 0, 1)) {
			LoopBatch here = OWN.getIfExists();
			if (here != null && here != this && here.reading) {
				here.defer(this);
			}
			else {
				schedule();
			}
		}
	}

	private void schedule() {
		try {
			this.loop.execute(this);
		}
		catch (RejectedExecutionException ex) {
			// the loop is shutting down; its sockets close and their queues are
			// discarded
			logger.debug("Event loop refused a write batch: shutting down");
		}
	}

	/** Lines another loop's batch up for the end of this loop's read. */
	private void defer(LoopBatch other) {
		if (this.deferred.isEmpty()) {
			// should the read's end not be seen, the loop's next round of tasks wakes it
			try {
				this.loop.execute(this.wakeDeferred);
			}
			catch (RejectedExecutionException ex) {
				other.schedule();
				return;
			}
		}
		this.deferred.add(other);
	}

	/** Wakes the other loops' batches lined up during the read. */
	private void wakeDeferred() {
		List<LoopBatch> batches = this.deferred;
		for (int i = 0; i < batches.size(); i++) {
			batches.get(i).schedule();
		}
		batches.clear();
	}

	/**
	 * A read of one of this loop's sockets started: until it ends, other loops' batches
	 * wait for its end. Call on this loop.
	 */
	void readStarted() {
		if (!this.own) {
			this.own = true;
			OWN.set(this);
		}
		this.reading = true;
	}

	/**
	 * The read ended: writes what is lined up on this loop and wakes the other loops'
	 * batches. Call on this loop.
	 */
	void readEnded() {
		this.reading = false;
		runPending();
	}

	/**
	 * Writes what is lined up now, on the loop's own thread, without waiting for the
	 * task: a socket's writer calls it when a read of that socket ended, so the answers
	 * and broadcasts to sockets of the same loop that the read's messages caused go out
	 * then, not after the loop's whole round of reads, and a socket that several of them
	 * reached is flushed once for all (a thousand subscribers of one loop cost a thousand
	 * writes per read, not per event).
	 */
	void runPending() {
		if (!this.pending.isEmpty()) {
			run();
		}
		if (!this.deferred.isEmpty()) {
			wakeDeferred();
		}
	}

	@Override
	public void run() {
		// cleared first: a socket lined up from now on schedules the next task
		this.scheduled = 0;
		// only those lined up so far; one that lines itself up again waits for the next
		// task
		for (int remaining = this.pending.size(); remaining > 0; remaining--) {
			ChannelWriter writer = this.pending.poll();
			if (writer == null) {
				return;
			}
			try {
				writer.run();
			}
			catch (RuntimeException ex) {
				// one socket's failure must not cost the others of the loop their frames
				logger.warn("Writing to a WAMP socket failed", ex);
			}
		}
	}

}
