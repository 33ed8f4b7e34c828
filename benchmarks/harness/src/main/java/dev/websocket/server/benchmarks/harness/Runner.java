package dev.websocket.server.benchmarks.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Runs the benchmark: for every scenario and server, starts the server as its own JVM
 * with the common flags, drives the scenario, stops the server by PID; then prints the
 * markdown table with ratio columns on standard output (progress goes to standard error).
 */
public final class Runner {

	static final String THIS = "this";

	static final String CEILING = "ceiling";

	static final String STOMP = "stomp";

	private final Options options;

	private final Table table = new Table();

	private int nextPort;

	private Runner(Options options) {
		this.options = options;
		this.nextPort = options.port();
	}

	/**
	 * Runs the selected scenarios against the selected servers.
	 * @param args {@code --name=value} options; {@code --help} lists them
	 */
	public static void main(String[] args) throws Exception {
		if (java.util.Arrays.stream(args).anyMatch((arg) -> arg.equals("--help") || arg.equals("-h"))) {
			System.out.println(Options.usage());
			return;
		}
		Options options = Options.parse(args);
		Runner runner = new Runner(options);
		String loadBefore = loadAverage();
		Instant started = Instant.now();
		String table = runner.run();
		String header = "Run " + started + " – " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors()
				+ " CPUs, Java " + System.getProperty("java.version") + "; load average " + loadBefore + " before, "
				+ loadAverage() + " after. Servers started with `" + String.join(" ", options.jvmFlags())
				+ "`; warm-up " + options.warmup().toSeconds() + " s, measured " + options.duration().toSeconds()
				+ " s per scenario"
				+ ((options.repeat() > 1)
						? ", " + options.repeat() + " rounds per scenario with the servers interleaved, medians shown"
						: "")
				+ "; " + options.eventSize() + "-byte events, window " + options.window() + " events per publisher"
				+ ((options.rate() > 0) ? ", rate " + options.rate() + "/s" : "") + ". This server's arguments: `"
				+ String.join(" ", options.thisArgs()) + "`"
				+ (options.stompArgs().isEmpty() ? "" : "; STOMP's: `" + String.join(" ", options.stompArgs()) + "`")
				+ ".\n\n";
		System.out.println();
		System.out.print(header + table);
		if (options.out() != null) {
			Path out = options.out();
			if (out.getParent() != null) {
				Files.createDirectories(out.getParent());
			}
			Files.writeString(out, header + table);
			Log.info("table written to " + out);
		}
		System.exit(0);
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " / " + fields[1] + " / " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private String run() {
		for (String scenario : this.options.scenarios()) {
			if (scenario.equals("presence")) {
				guarded(scenario, THIS, () -> new PresenceScenario(this.options).run(this.table, freePort()));
				continue;
			}
			if (scenario.equals("redis")) {
				if (this.options.servers().contains(THIS)) {
					for (int round = 1; round <= this.options.repeat(); round++) {
						guarded(scenario, THIS, this::twoNodes);
					}
				}
				continue;
			}
			if (scenario.equals("soak")) {
				if (this.options.servers().contains(THIS)) {
					guarded(scenario, THIS, () -> runOne(scenario, THIS));
				}
				continue;
			}
			for (int round = 1; round <= this.options.repeat(); round++) {
				for (String server : this.options.servers()) {
					if (isV2(scenario) && !server.equals(THIS)) {
						continue; // the ceiling and STOMP servers speak no WAMP v2
					}
					if (server.equals(STOMP) && !this.options.serversGiven()
							&& (scenario.equals("sessions-19k") || scenario.equals("fanout-slow"))) {
						if (round == 1) {
							Log.info(scenario + " leaves out Spring STOMP by default; name it in --servers to run it");
						}
						continue;
					}
					guarded(scenario, server, () -> runOne(scenario, server));
				}
			}
		}
		return this.table.markdown();
	}

	private interface Step {

		void run() throws Exception;

	}

	private void guarded(String scenario, String server, Step step) {
		try {
			step.run();
		}
		catch (Exception ex) {
			Log.info(scenario + " on " + server + " failed: " + ex);
			this.table.note(scenario, server, "failed: " + ex.getMessage());
		}
	}

	/**
	 * Whether a scenario is a WAMP v2 twin ({@code fanout-a-v2}, {@code fanout-b-v2},
	 * {@code rpc-v2}): run against this server only, reported in rows named as the v1
	 * scenario's with {@value Table#V2_SUFFIX}.
	 */
	static boolean isV2(String scenario) {
		return scenario.endsWith("-v2");
	}

	private void runOne(String scenario, String server) throws Exception {
		Protocol protocol = server.equals(STOMP) ? Protocol.STOMP : isV2(scenario) ? Protocol.WAMP2 : Protocol.WAMP;
		String v2 = isV2(scenario) ? Table.V2_SUFFIX : "";
		Log.info("=== " + scenario + " on " + server);
		try (ServerProcess process = start(server, scenario, List.of())) {
			URI uri = URI.create("ws://127.0.0.1:" + process.port() + "/");
			switch (scenario) {
				case "fanout-a",
						"fanout-a-v2" ->
					fanOut("fan-out A 1→" + this.options.fanoutASubscribers() + v2, server, process,
							new FanOutScenario(this.options, 1, this.options.fanoutASubscribers()).run(uri,
									List.of(uri), protocol));
				case "fanout-a-rate" -> fanOut(
						"fan-out A 1→" + this.options.fanoutASubscribers() + " at "
								+ String.format(java.util.Locale.ROOT, "%.0f", this.options.fixedRate()) + " events/s",
						server, process,
						new FanOutScenario(this.options, 1, this.options.fanoutASubscribers(), this.options.fixedRate())
							.run(uri, List.of(uri), protocol));
				case "fanout-b",
						"fanout-b-v2" ->
					fanOut("fan-out B " + this.options.fanoutBPublishers() + "→" + this.options.fanoutBSubscribers()
							+ v2, server, process,
							new FanOutScenario(this.options, this.options.fanoutBPublishers(),
									this.options.fanoutBSubscribers())
								.run(uri, List.of(uri), protocol));
				case "rpc", "rpc-v2" -> rpc(server, v2, new RpcScenario(this.options).run(uri, protocol));
				case "connections" ->
					connections(server, new ConnectionsScenario(this.options).run(uri, protocol, process));
				case "soak" -> soak(server, new SoakScenario(this.options).run(uri, process));
				case "sessions-19k" -> connections("sessions " + this.options.manySessions(), server,
						new ConnectionsScenario(this.options, this.options.manySessions()).run(uri, protocol, process));
				case "fanout-5k" -> fanOut("fan-out 1→" + this.options.wideSubscribers(), server, process,
						new FanOutScenario(this.options, 1, this.options.wideSubscribers()).run(uri, List.of(uri),
								protocol));
				case "fanout-slow" ->
					slowReaders(server, new SlowReadersScenario(this.options).run(uri, protocol, process));
				default -> throw new IllegalArgumentException("unknown scenario " + scenario);
			}
			if (!process.isAlive()) {
				this.table.note(scenario, server, "the server process died during the run");
			}
		}
	}

	private void fanOut(String name, String server, @Nullable ServerProcess process, Results.FanOut result) {
		Log.info(name + " on " + server + ": " + result);
		if (result.deliveriesPerSecond() > 0) {
			this.table.put(name, "deliveries/s", Table.Format.INTEGER, server, result.deliveriesPerSecond());
			this.table.put(name, "p50", Table.Format.MILLIS, server, result.p50Micros());
			this.table.put(name, "p99", Table.Format.MILLIS, server, result.p99Micros());
			this.table.put(name, "p99.9", Table.Format.MILLIS, server, result.p999Micros());
			this.table.put(name, "lost (expected − received)", Table.Format.INTEGER, server, result.lost());
		}
		this.table.note(name, server, result.note());
	}

	private void rpc(String server, String suffix, Results.Rpc result) {
		String name = "RPC " + this.options.rpcConnections() + " conns" + suffix;
		Log.info(name + " on " + server + ": " + result);
		if (result.callsPerSecond() > 0) {
			this.table.put(name, "calls/s", Table.Format.INTEGER, server, result.callsPerSecond());
			this.table.put(name, "p50", Table.Format.MILLIS, server, result.p50Micros());
			this.table.put(name, "p99", Table.Format.MILLIS, server, result.p99Micros());
		}
		if (result.resent() > 0) {
			this.table.note(name, server, result.resent() + " calls resent after 3 s without an answer");
		}
		this.table.note(name, server, result.note());
	}

	private void connections(String server, Results.Connections result) {
		connections("connections " + this.options.connections(), server, result);
	}

	private void connections(String name, String server, Results.Connections result) {
		Log.info(name + " on " + server + ": " + result);
		this.table.put(name, "sessions held", Table.Format.INTEGER, server, result.held());
		if (result.held() > 0) {
			this.table.put(name, "heap after GC per session", Table.Format.KIB, server, result.heapPerSessionBytes());
			this.table.put(name, "RSS per session", Table.Format.KIB, server, result.rssPerSessionBytes());
		}
		this.table.note(name, server, result.note());
	}

	private void slowReaders(String server, Results.SlowReaders result) {
		String size = "1→" + this.options.slowSubscribers() + ", " + this.options.slowEventSize() + " B";
		fanOut("fan-out " + size + ", all reading", server, null, result.clean());
		String name = "fan-out " + size + ", " + this.options.slowReaders() + " not reading";
		fanOut(name, server, null, result.slow());
		Results.SlowEnds ends = result.ends();
		Log.info(name + " on " + server + ": slow readers ended " + ends + ", " + SlowReadersScenario.OVERFLOWS + " +"
				+ result.overflows() + ", heap " + result.heapBeforeBytes() + " → " + result.heapEndBytes() + " → "
				+ result.heapAfterSlowEndsBytes());
		Results.FanOut clean = result.clean();
		Results.FanOut slow = result.slow();
		if (clean.deliveriesPerSecond() > 0 && slow.deliveriesPerSecond() > 0) {
			this.table.put(name, "deliveries/s ÷ all reading", Table.Format.RATIO, server,
					slow.deliveriesPerSecond() / clean.deliveriesPerSecond());
			if (clean.p99Micros() > 0) {
				this.table.put(name, "p99 ÷ all reading", Table.Format.RATIO, server,
						slow.p99Micros() / clean.p99Micros());
			}
		}
		Table.Format count = Table.Format.INTEGER;
		ends.closeCodes()
			.forEach((code, n) -> this.table.put(name, "slow readers closed with " + code, count, server, n));
		this.table.put(name, "slow readers closed without a close frame", count, server,
				ends.closedWithoutCloseFrame());
		this.table.put(name, "slow readers still open", count, server, ends.open());
		if (result.overflows() >= 0) {
			this.table.put(name, SlowReadersScenario.OVERFLOWS + " (server metric)", count, server, result.overflows());
		}
		Table.Format kib = Table.Format.KIB;
		if (result.heapBeforeBytes() >= 0) {
			this.table.put(name, "heap after GC before the first event", kib, server, result.heapBeforeBytes());
		}
		if (result.heapEndBytes() >= 0) {
			this.table.put(name, "heap after GC at the end of the run", kib, server, result.heapEndBytes());
		}
		if (result.heapAfterSlowEndsBytes() >= 0) {
			this.table.put(name, "heap after GC, slow readers ended", kib, server, result.heapAfterSlowEndsBytes());
		}
	}

	private void soak(String server, Results.Soak result) {
		String name = "soak " + Math.round(result.seconds()) + " s, " + this.options.soakWorkers() + " workers";
		Log.info(name + " on " + server + ": " + result);
		Table.Format count = Table.Format.INTEGER;
		this.table.put(name, "sessions churned", count, server, result.sessions());
		this.table.put(name, "left with a close frame", count, server, result.closeFrames());
		this.table.put(name, "left by TCP FIN, no close frame", count, server, result.finDrops());
		this.table.put(name, "left by TCP reset", count, server, result.resets());
		this.table.put(name, "closed by the server for a bad message", count, server, result.violations());
		this.table.put(name, "failed handshakes", count, server, result.failedConnects());
		this.table.put(name, "events to the long-lived readers", count, server, result.eventsReceived());
		this.table.put(name, "wamp.connections at the end", count, server, result.connections());
		this.table.put(name, "wamp.subscriptions at the end", count, server, result.subscriptions());
		this.table.put(name, "wamp.topics at the end", count, server, result.topics());
		this.table.put(name, "heap after GC at the start", Table.Format.KIB, server, result.heapStartBytes());
		this.table.put(name, "heap after GC at the end", Table.Format.KIB, server, result.heapEndBytes());
		this.table.put(name, "ERROR lines in the server log", count, server, result.errorLines());
		this.table.note(name, server, result.note());
	}

	private void twoNodes() throws Exception {
		String name = "two nodes over Redis, 1→" + this.options.fanoutASubscribers();
		Log.info("=== " + name);
		@Nullable Process redis = null;
		int redisPort = this.options.redisPort();
		if (!listening(redisPort)) {
			Path redisServer = which("redis-server");
			if (redisServer == null) {
				this.table.note(name, THIS,
						"skipped: nothing listens on port " + redisPort + " and no redis-server on the PATH");
				return;
			}
			redis = new ProcessBuilder(redisServer.toString(), "--port", Integer.toString(redisPort), "--save", "",
					"--appendonly", "no", "--bind", "127.0.0.1")
				.redirectErrorStream(true)
				.redirectOutput(this.options.logs().resolve("redis.log").toFile())
				.start();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!listening(redisPort) && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
		}
		try {
			List<String> redisArgs = List.of("--websocket.server.broker.type=redis",
					"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort);
			try (ServerProcess node1 = start(THIS, "redis-node1", redisArgs);
					ServerProcess node2 = start(THIS, "redis-node2", redisArgs)) {
				URI uri1 = URI.create("ws://127.0.0.1:" + node1.port() + "/");
				URI uri2 = URI.create("ws://127.0.0.1:" + node2.port() + "/");
				Results.FanOut result = new FanOutScenario(this.options, 1, this.options.fanoutASubscribers()).run(uri1,
						List.of(uri1, uri2), Protocol.WAMP);
				if (result.deliveriesPerSecond() == 0) {
					this.table.note(name, THIS, "skipped: the Redis broker is not available (" + result.note() + ")");
					return;
				}
				fanOut(name, THIS, node1, result);
			}
		}
		finally {
			if (redis != null) {
				redis.destroy();
				redis.waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	private ServerProcess start(String server, String scenario, List<String> extra)
			throws IOException, InterruptedException {
		int port = freePort();
		List<String> arguments = new ArrayList<>();
		arguments.add("--server.port=" + port);
		Path jar;
		switch (server) {
			case THIS -> {
				jar = this.options.thisJar();
				arguments.addAll(this.options.thisArgs());
			}
			case CEILING -> jar = this.options.ceilingJar();
			case STOMP -> {
				jar = this.options.stompJar();
				arguments.addAll(this.options.stompArgs());
			}
			default -> throw new IllegalArgumentException("unknown server " + server);
		}
		arguments.addAll(extra);
		if (!Files.isRegularFile(jar)) {
			throw new IOException(jar + " is not built");
		}
		Path log = this.options.logs().resolve(server + "-" + scenario + ".log");
		ServerProcess process = ServerProcess.start(server,
				ServerProcess.javaCommand(this.options.jvmFlags(), jar, arguments), port, log, Duration.ofSeconds(90));
		try {
			probe(process, server.equals(STOMP) ? Protocol.STOMP : Protocol.WAMP);
		}
		catch (IOException | RuntimeException ex) {
			process.close();
			throw ex;
		}
		return process;
	}

	/**
	 * One session end to end, so that a half-started server or a foreign listener is not
	 * measured.
	 */
	private void probe(ServerProcess process, Protocol protocol) throws IOException, InterruptedException {
		try (Clients clients = new Clients(1, 1)) {
			Client client = clients.connect(URI.create("ws://127.0.0.1:" + process.port() + "/"), protocol, 0,
					Client.Listener.NONE);
			client.ready.get(30, TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IOException(process + " did not answer a " + protocol.subprotocol() + " handshake: "
					+ ((ex.getCause() != null) ? ex.getCause() : ex));
		}
		if (!process.isAlive()) {
			throw new IOException(process + " exited");
		}
	}

	private int freePort() throws IOException {
		for (int attempts = 0; attempts < 100; attempts++) {
			int port = this.nextPort++;
			try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
				socket.setReuseAddress(false);
				socket.bind(new InetSocketAddress("0.0.0.0", port));
				return port;
			}
			catch (IOException ex) {
				Log.info("port " + port + " is taken; trying the next");
			}
		}
		throw new IOException("no free port from " + this.options.port());
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static @Nullable Path which(String command) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String dir : path.split(java.io.File.pathSeparator)) {
			Path candidate = Path.of(dir, command);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

}
