package dev.websocket.server.benchmarks.harness;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Connections: open {@code connections} WAMP sessions (or STOMP sessions) on one server
 * instance and hold them; measure the server's heap after a full GC and its resident set,
 * above the baseline taken after a small warm-up batch was opened and closed.
 */
final class ConnectionsScenario {

	private static final int TOP_CLASSES = 25;

	private final Options options;

	private final int count;

	ConnectionsScenario(Options options) {
		this(options, options.connections());
	}

	/**
	 * @param count sessions to open and hold (e.g. {@code sessions-19k}'s 19,000, just
	 * under a 20,000-descriptor limit)
	 */
	ConnectionsScenario(Options options, int count) {
		this.options = options;
		this.count = count;
	}

	Results.Connections run(URI serverUri, Protocol protocol, ServerProcess server) throws Exception {
		int count = this.count;
		try (Clients clients = new Clients(this.options.clientThreads(), this.options.sourceAddresses())) {
			// warm-up: load the classes of the connection path, then let the sessions go
			clients.open(Math.min(200, count), 64, Duration.ofSeconds(30), (i) -> serverUri, protocol,
					(i) -> Client.Listener.NONE);
			clients.closeAll(Duration.ofSeconds(15));
			Thread.sleep(2000);
			long heapBaseline = server.heapUsedAfterGc();
			long rssBaseline = server.rss();
			Map<String, Long> histogramBaseline = server.classHistogram();
			long start = System.nanoTime();
			List<Client> all = clients.open(count, 200, Duration.ofSeconds(60), (i) -> serverUri, protocol,
					(i) -> Client.Listener.NONE);
			double seconds = (System.nanoTime() - start) / 1e9;
			long ready = Clients.readyCount(all);
			Log.info(ready + " of " + count + " sessions established in " + String.format("%.1f", seconds) + " s");
			Thread.sleep(3000);
			long heapLoaded = server.heapUsedAfterGc();
			long rssLoaded = server.rss();
			logTopClasses(server, histogramBaseline, server.classHistogram(), Math.max(1, ready));
			long held = all.stream()
				.filter((c) -> c.ready.isDone() && !c.ready.isCompletedExceptionally())
				.filter(Client::isOpen)
				.count();
			String note = null;
			if (held < count) {
				note = (count - held) + " sessions failed or were closed";
			}
			double heapPer = (held > 0) ? (double) (heapLoaded - heapBaseline) / held : 0;
			double rssPer = (held > 0 && rssBaseline > 0) ? (double) (rssLoaded - rssBaseline) / held : 0;
			return new Results.Connections(count, held, heapPer, rssPer, heapBaseline, heapLoaded, seconds, note);
		}
	}

	/** Where the per-session heap goes: the classes that grew most, per session. */
	private static void logTopClasses(ServerProcess server, Map<String, Long> before, Map<String, Long> after,
			long sessions) {
		List<Map.Entry<String, Long>> growth = new ArrayList<>();
		after.forEach((name, bytes) -> growth.add(Map.entry(name, bytes - before.getOrDefault(name, 0L))));
		growth.sort(Map.Entry.<String, Long>comparingByValue().reversed());
		// the sum over every class is steadier than the heap figure, whose baseline moves
		// with what the warm-up left for the collector
		long total = growth.stream().mapToLong(Map.Entry::getValue).sum();
		StringBuilder report = new StringBuilder(server.name() + String.format(Locale.ROOT,
				": live objects grew by %.0f B per session over all classes; by class (top %d):",
				(double) total / sessions, TOP_CLASSES));
		growth.stream()
			.limit(TOP_CLASSES)
			.forEach((entry) -> report.append(String.format(Locale.ROOT, "%n  %8.0f B  %s",
					(double) entry.getValue() / sessions, entry.getKey())));
		Log.info(report.toString());
	}

}
