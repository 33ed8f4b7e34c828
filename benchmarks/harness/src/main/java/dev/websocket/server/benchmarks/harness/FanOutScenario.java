package dev.websocket.server.benchmarks.harness;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import io.netty.buffer.ByteBuf;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * Fan-out: {@code publishers} connections publish 128-byte events to one topic that
 * {@code subscribers} connections receive. Each publisher keeps at most {@code window}
 * events not yet delivered to every subscriber (or paces to {@code rate} events/s when
 * set), so the run measures what the server sustains rather than how fast its queues
 * overflow. Latency is the time from the publisher's write to the subscriber's read (same
 * machine, {@code System.nanoTime}).
 * <p>
 * With {@code slowReaders}, that many subscribers stop reading their sockets once
 * subscribed: the figures are the other subscribers' (the window waits for them only),
 * and {@link #slowEnds()} says how the slow ones ended.
 */
final class FanOutScenario {

	private static final int RING = 1 << 16;

	private final Options options;

	private final int publishers;

	private final int subscribers;

	private volatile boolean running;

	private volatile boolean measuring;

	private final double rate;

	private final int slowReaders;

	private Results.SlowEnds slowEnds = new Results.SlowEnds(0, java.util.Map.of(), 0, 0);

	private int eventSize;

	private Duration warmup;

	private Interruptible.Condition extendWhile = () -> false;

	private Duration extendAtMost = Duration.ZERO;

	FanOutScenario(Options options, int publishers, int subscribers) {
		this(options, publishers, subscribers, options.rate());
	}

	FanOutScenario(Options options, int publishers, int subscribers, double rate) {
		this(options, publishers, subscribers, rate, 0);
	}

	/**
	 * @param rate events per second per publisher; 0 = as fast as the window allows
	 * @param slowReaders subscribers (the first ones) that stop reading once subscribed
	 */
	FanOutScenario(Options options, int publishers, int subscribers, double rate, int slowReaders) {
		this.options = options;
		this.publishers = publishers;
		this.subscribers = subscribers;
		this.rate = rate;
		this.slowReaders = Math.min(slowReaders, subscribers - 1);
		this.eventSize = options.eventSize();
		this.warmup = options.warmup();
	}

	/**
	 * Warms up for {@code warmup} instead of {@code --warmup} (e.g. on a server a first
	 * run already warmed).
	 * @param warmup the warm-up
	 * @return this scenario
	 */
	FanOutScenario withWarmup(Duration warmup) {
		this.warmup = warmup;
		return this;
	}

	/**
	 * Measures beyond {@code --duration} while {@code condition} holds (checked every 500
	 * ms), at most {@code atMost} longer: e.g. until a slow reader's queue overflowed on
	 * the server, so that the measured window contains it.
	 * @param condition whether to go on measuring
	 * @param atMost the longest extension
	 * @return this scenario
	 */
	FanOutScenario measuringWhile(Interruptible.Condition condition, Duration atMost) {
		this.extendWhile = condition;
		this.extendAtMost = atMost;
		return this;
	}

	/**
	 * Publishes events of {@code size} bytes instead of {@code --event-size}.
	 * @param size the event size
	 * @return this scenario
	 */
	FanOutScenario withEventSize(int size) {
		this.eventSize = size;
		return this;
	}

	private @Nullable ServerProcess heapOf;

	private long heapBefore = -1;

	private long heapAtEnd = -1;

	private long heapAfterSlowEnds = -1;

	/**
	 * Measures the server's heap after a full GC three times: once every subscriber is
	 * subscribed, before the first event; at the end of the run, before the clients leave
	 * (with slow readers: while their queues are still full); with slow readers, once
	 * more after they read again and ended.
	 * @param server the server process
	 * @return this scenario
	 */
	FanOutScenario measuringHeapOf(ServerProcess server) {
		this.heapOf = server;
		return this;
	}

	/** The heap {@link #measuringHeapOf} measured before the first event, or -1. */
	long heapBefore() {
		return this.heapBefore;
	}

	/** The heap {@link #measuringHeapOf} measured at the end, or -1. */
	long heapAtEnd() {
		return this.heapAtEnd;
	}

	/** The heap {@link #measuringHeapOf} measured after the slow readers ended, or -1. */
	long heapAfterSlowEnds() {
		return this.heapAfterSlowEnds;
	}

	private long heap() throws InterruptedException {
		ServerProcess server = this.heapOf;
		if (server == null) {
			return -1;
		}
		try {
			return server.heapUsedAfterGc();
		}
		catch (java.io.IOException ex) {
			Log.info("heap of " + server + " not measured: " + ex);
			return -1;
		}
	}

	/** How the slow readers of the last run ended (all zero without slow readers). */
	Results.SlowEnds slowEnds() {
		return this.slowEnds;
	}

	/**
	 * @param publisherUri the server publishers connect to
	 * @param subscriberUris the servers subscribers connect to, round robin (two for the
	 * two-node run)
	 * @param protocol the protocol
	 */
	Results.FanOut run(URI publisherUri, List<URI> subscriberUris, Protocol protocol) throws InterruptedException {
		LongAdder received = new LongAdder();
		Recorder recorder = new Recorder(3);
		AtomicIntegerArray[] counts = new AtomicIntegerArray[this.publishers];
		Semaphore[] windows = new Semaphore[this.publishers];
		for (int p = 0; p < this.publishers; p++) {
			counts[p] = new AtomicIntegerArray(RING);
			windows[p] = new Semaphore(this.options.window());
		}
		int slow = Math.max(0, this.slowReaders);
		int target = this.subscribers - slow;
		Client.Listener onEvent = (client, frame) -> {
			long sequence = Payload.sequence(frame);
			if (sequence == Payload.MISSING) {
				return; // not a benchmark event (e.g. the chat sample's presence)
			}
			if (sequence < 0) {
				client.flag = true;
				return;
			}
			if (client.index < slow) {
				return; // a slow reader: whatever it read before it stopped is not
						// counted
			}
			long sent = Payload.time(frame);
			int publisher = (int) Payload.publisher(frame);
			received.increment();
			if (this.measuring && sent != Payload.MISSING) {
				long latency = System.nanoTime() - sent;
				recorder.recordValue(Math.max(0, latency / 1000));
			}
			if (publisher >= 0 && publisher < counts.length) {
				int slot = (int) (sequence & (RING - 1));
				if (counts[publisher].incrementAndGet(slot) == target) {
					counts[publisher].set(slot, 0);
					windows[publisher].release();
				}
			}
		};

		try (Clients clients = new Clients(this.options.clientThreads(), this.options.sourceAddresses())) {
			Duration timeout = Duration.ofSeconds(30);
			// the slow readers (the first subscribers) take in a few KiB, not the
			// megabytes
			// of an autotuned socket, before the server's own queue fills
			clients.smallReceiveBuffer((i) -> i < slow);
			List<Client> subs = clients.open(this.subscribers, 256, timeout,
					(i) -> subscriberUris.get(i % subscriberUris.size()), protocol, (i) -> onEvent);
			clients.smallReceiveBuffer((i) -> false);
			long subsReady = Clients.readyCount(subs);
			if (subsReady < this.subscribers) {
				return failed("only " + subsReady + " of " + this.subscribers + " subscribers connected");
			}
			for (Client sub : subs) {
				sub.send(protocol.subscribe(0));
			}
			List<Client> pubs = clients.open(this.publishers, 64, timeout, (i) -> publisherUri, protocol,
					(i) -> Client.Listener.NONE);
			if (Clients.readyCount(pubs) < this.publishers) {
				return failed("publishers failed to connect");
			}
			// Barrier: probes until every subscriber has received one (subscriptions are
			// active,
			// across nodes too).
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (subs.stream().anyMatch((s) -> !s.flag) && System.nanoTime() < deadline) {
				pubs.get(0).send(protocol.publish(Payload.json(0, -1, System.nanoTime(), this.eventSize)));
				Thread.sleep(200);
			}
			long probed = subs.stream().filter((s) -> s.flag).count();
			if (probed < this.subscribers) {
				return failed(probed + " of " + this.subscribers + " subscribers received the probe within 30 s"
						+ ((subscriberUris.size() > 1) ? " (no cross-node delivery)" : ""));
			}
			Thread.sleep(500);
			this.heapBefore = heap();
			received.reset();
			subs.subList(0, slow).forEach(Client::stopReading);

			AtomicLong sentTotal = new AtomicLong();
			LongAdder stalls = new LongAdder();
			this.running = true;
			List<Thread> threads = new ArrayList<>();
			for (int p = 0; p < this.publishers; p++) {
				int publisher = p;
				Thread thread = new Thread(
						() -> publish(pubs.get(publisher), publisher, windows[publisher], protocol, sentTotal, stalls),
						"bench-publisher-" + p);
				thread.setDaemon(true);
				threads.add(thread);
				thread.start();
			}
			Thread.sleep(this.warmup.toMillis());
			recorder.getIntervalHistogram();
			this.measuring = true;
			long startReceived = received.sum();
			long start = System.nanoTime();
			Thread.sleep(this.options.duration().toMillis());
			long extendFrom = System.nanoTime();
			long extendUntil = extendFrom + this.extendAtMost.toNanos();
			while (System.nanoTime() < extendUntil && this.extendWhile.holds()) {
				Thread.sleep(500);
			}
			double extended = (System.nanoTime() - extendFrom) / 1e9;
			boolean extendedToTheLimit = this.extendAtMost.toNanos() > 0 && System.nanoTime() >= extendUntil;
			long endReceived = received.sum();
			long end = System.nanoTime();
			this.measuring = false;
			Histogram latency = recorder.getIntervalHistogram();
			this.running = false;
			for (Thread thread : threads) {
				thread.join(5000);
			}
			long expected = sentTotal.get() * target;
			long last = -1;
			long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
			while (received.sum() < expected && System.nanoTime() < drainDeadline) {
				long now = received.sum();
				if (now == last) {
					break;
				}
				last = now;
				Thread.sleep(2000);
			}
			this.heapAtEnd = heap();
			int closed = (int) subs.subList(slow, subs.size()).stream().filter((s) -> !s.isOpen()).count();
			if (slow > 0) {
				this.slowEnds = slowEnds(subs.subList(0, slow));
				this.heapAfterSlowEnds = heap();
			}
			double seconds = (end - start) / 1e9;
			String note = null;
			if (stalls.sum() > 0) {
				note = stalls.sum() + " window stalls (events not delivered to every subscriber within 2 s)";
			}
			if (closed > 0) {
				note = ((note != null) ? note + "; " : "") + closed + " subscribers closed by the server";
			}
			if (this.extendAtMost.toNanos() > 0 && extended >= 0.5) {
				note = ((note != null) ? note + "; " : "") + String.format(java.util.Locale.ROOT,
						"measured %.0f s (%.0f s beyond --duration", seconds, extended)
						+ (extendedToTheLimit ? ", the longest extension)" : ")");
			}
			return new Results.FanOut((endReceived - startReceived) / seconds, latency.getValueAtPercentile(50),
					latency.getValueAtPercentile(99), latency.getValueAtPercentile(99.9), expected, received.sum(),
					closed, note);
		}
		finally {
			this.running = false;
		}
	}

	private void publish(Client client, int publisher, Semaphore window, Protocol protocol, AtomicLong sentTotal,
			LongAdder stalls) {
		long sequence = 0;
		int size = this.eventSize;
		double rate = this.rate;
		long interval = (rate > 0) ? (long) (1e9 / rate) : 0;
		long next = System.nanoTime();
		try {
			while (this.running && client.isOpen()) {
				int permits = window.drainPermits();
				if (permits == 0) {
					if (!window.tryAcquire(2, TimeUnit.SECONDS)) {
						stalls.increment();
					}
					permits = 1;
				}
				for (int i = 0; i < permits; i++) {
					if (interval > 0) {
						long wait = next - System.nanoTime();
						if (wait > 0) {
							LockSupport.parkNanos(wait);
						}
						next += interval;
					}
					String frame = protocol.publish(Payload.json(publisher, sequence++, System.nanoTime(), size));
					if (interval > 0) {
						client.send(frame); // paced: every event leaves at its time
					}
					else {
						client.write(frame);
					}
					sentTotal.incrementAndGet();
				}
				client.flush();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Lets the slow readers read again, so that a close frame or a reset the server sent
	 * behind the unread events reaches them, and sorts them by how they ended.
	 */
	private static Results.SlowEnds slowEnds(List<Client> slow) throws InterruptedException {
		slow.forEach(Client::resumeReading);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (slow.stream().anyMatch(Client::isOpen) && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		java.util.Map<Integer, Integer> codes = new java.util.TreeMap<>();
		int withoutCloseFrame = 0;
		int open = 0;
		for (Client client : slow) {
			if (client.isOpen()) {
				open++;
			}
			else if (client.closeCode >= 0) {
				codes.merge(client.closeCode, 1, Integer::sum);
			}
			else {
				withoutCloseFrame++;
			}
		}
		return new Results.SlowEnds(slow.size(), codes, withoutCloseFrame, open);
	}

	private static Results.FanOut failed(String note) {
		return new Results.FanOut(0, 0, 0, 0, 0, 0, 0, note);
	}

}
