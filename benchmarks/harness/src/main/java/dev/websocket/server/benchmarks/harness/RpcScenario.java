package dev.websocket.server.benchmarks.harness;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * RPC: {@code connections} clients, each with exactly one outstanding echo call; the
 * answer's arrival sends the next call. A call unanswered for 3 s is sent again and
 * counted.
 */
final class RpcScenario {

	private final Options options;

	private volatile boolean measuring;

	RpcScenario(Options options) {
		this.options = options;
	}

	Results.Rpc run(URI serverUri, Protocol protocol) throws InterruptedException {
		LongAdder answered = new LongAdder();
		LongAdder resent = new LongAdder();
		AtomicLong callIds = new AtomicLong();
		Recorder recorder = new Recorder(3);
		int size = this.options.eventSize();
		Client.Listener onAnswer = (client, frame) -> {
			long sent = Payload.time(frame);
			long now = System.nanoTime();
			answered.increment();
			if (this.measuring && sent != Payload.MISSING) {
				recorder.recordValue(Math.max(0, (now - sent) / 1000));
			}
			call(client, protocol, callIds, size);
		};
		ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
		try (Clients clients = new Clients(this.options.clientThreads(), this.options.sourceAddresses())) {
			int count = this.options.rpcConnections();
			List<Client> all = clients.open(count, 64, Duration.ofSeconds(30), (i) -> serverUri, protocol,
					(i) -> onAnswer);
			long ready = Clients.readyCount(all);
			if (ready < count) {
				return new Results.Rpc(0, 0, 0, 0, "only " + ready + " of " + count + " connections opened");
			}
			String setup = protocol.rpcSetupFrame();
			if (setup != null) {
				all.forEach((c) -> c.send(setup));
			}
			watchdog.scheduleWithFixedDelay(() -> {
				long limit = System.nanoTime() - TimeUnit.SECONDS.toNanos(3);
				for (Client client : all) {
					if (client.isOpen() && client.mark < limit) {
						resent.increment();
						call(client, protocol, callIds, size);
					}
				}
			}, 1, 1, TimeUnit.SECONDS);
			all.forEach((c) -> call(c, protocol, callIds, size));
			Thread.sleep(this.options.warmup().toMillis());
			long resentBefore = resent.sum();
			recorder.getIntervalHistogram();
			this.measuring = true;
			long startAnswered = answered.sum();
			long start = System.nanoTime();
			Thread.sleep(this.options.duration().toMillis());
			long endAnswered = answered.sum();
			long end = System.nanoTime();
			this.measuring = false;
			Histogram latency = recorder.getIntervalHistogram();
			long resentMeasured = resent.sum() - resentBefore;
			long open = all.stream().filter(Client::isOpen).count();
			String note = (open < count) ? (count - open) + " connections closed during the run" : null;
			return new Results.Rpc((endAnswered - startAnswered) / ((end - start) / 1e9),
					latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), resentMeasured, note);
		}
		finally {
			watchdog.shutdownNow();
		}
	}

	private static void call(Client client, Protocol protocol, AtomicLong callIds, int size) {
		long now = System.nanoTime();
		client.mark = now;
		client.send(protocol.call(callIds.incrementAndGet(), Payload.json(client.index, 0, now, size)));
	}

}
