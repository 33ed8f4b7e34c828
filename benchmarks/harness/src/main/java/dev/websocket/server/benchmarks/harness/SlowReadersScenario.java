package dev.websocket.server.benchmarks.harness;

import java.net.URI;
import java.util.List;

/**
 * Fan-out with slow readers ({@code fanout-slow}): one publisher to
 * {@code fanout-slow-subscribers} subscribers with {@code fanout-slow-event-size}-byte
 * events, first with every subscriber reading (the clean run), then, on the same server,
 * with {@code fanout-slow-readers} of them not reading their sockets (and a small fixed
 * socket receive buffer, so that the server's queue fills within the run). What it shows:
 * whether the healthy subscribers keep their deliveries/s and p99 and lose nothing, how
 * the slow ones end under the server's overflow policy (their close codes, and this
 * server's {@value #OVERFLOWS} counter during the slow run), and the server's heap after
 * a full GC before the first event, while the slow queues are full, and after the slow
 * readers ended.
 */
final class SlowReadersScenario {

	/** This server's counter of outbound queue overflows (closes or drops). */
	static final String OVERFLOWS = "wamp.outbound.overflows";

	/** The slow run's warm-up, on a server the clean run warmed. */
	private static final java.time.Duration SETTLE = java.time.Duration.ofSeconds(2);

	private final Options options;

	SlowReadersScenario(Options options) {
		this.options = options;
	}

	Results.SlowReaders run(URI uri, Protocol protocol, ServerProcess server) throws InterruptedException {
		int subscribers = this.options.slowSubscribers();
		int size = this.options.slowEventSize();
		Results.FanOut clean = new FanOutScenario(this.options, 1, subscribers).withEventSize(size)
			.run(uri, List.of(uri), protocol);
		double overflowsBefore = server.metric(OVERFLOWS);
		int readers = this.options.slowReaders();
		// The server is warm from the clean run. Where it counts overflows, the measured
		// window lasts until every slow reader's queue overflowed (the TCP buffers take a
		// few MiB first), so that the window contains the overflows.
		FanOutScenario slowRun = new FanOutScenario(this.options, 1, subscribers, this.options.rate(), readers)
			.withEventSize(size)
			.withWarmup(SETTLE)
			.measuringWhile(() -> {
				double now = server.metric(OVERFLOWS);
				return overflowsBefore >= 0 && now >= 0 && now - overflowsBefore < readers;
			}, this.options.slowMaxExtension())
			.measuringHeapOf(server);
		Results.FanOut slow = slowRun.run(uri, List.of(uri), protocol);
		double overflowsAfter = server.metric(OVERFLOWS);
		double overflows = (overflowsBefore >= 0 && overflowsAfter >= 0) ? overflowsAfter - overflowsBefore : -1;
		return new Results.SlowReaders(clean, slow, slowRun.slowEnds(), slowRun.heapBefore(), slowRun.heapAtEnd(),
				slowRun.heapAfterSlowEnds(), overflows);
	}

}
