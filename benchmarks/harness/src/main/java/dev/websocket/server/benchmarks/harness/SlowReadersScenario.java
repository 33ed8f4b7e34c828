package dev.websocket.server.benchmarks.harness;

import java.net.URI;
import java.util.List;

/**
 * Fan-out with slow readers ({@code fanout-slow}): one publisher to
 * {@code fanout-slow-subscribers} subscribers, first with every subscriber reading (the
 * clean run), then, on the same server, with {@code fanout-slow-readers} of them not
 * reading their sockets. What it shows: whether the healthy subscribers keep their
 * deliveries/s and p99 and lose nothing, how the slow ones end under the server's
 * overflow policy, and the server's heap while their queues are full.
 */
final class SlowReadersScenario {

	private final Options options;

	SlowReadersScenario(Options options) {
		this.options = options;
	}

	Results.SlowReaders run(URI uri, Protocol protocol, ServerProcess server) throws InterruptedException {
		int subscribers = this.options.slowSubscribers();
		Results.FanOut clean = new FanOutScenario(this.options, 1, subscribers).run(uri, List.of(uri), protocol);
		FanOutScenario slowRun = new FanOutScenario(this.options, 1, subscribers, this.options.rate(),
				this.options.slowReaders())
			.measuringHeapOf(server);
		Results.FanOut slow = slowRun.run(uri, List.of(uri), protocol);
		return new Results.SlowReaders(clean, slow, slowRun.slowEnds(), slowRun.heapAtEnd());
	}

}
