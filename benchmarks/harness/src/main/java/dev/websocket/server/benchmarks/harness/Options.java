package dev.websocket.server.benchmarks.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The runner's settings, from {@code --name=value} arguments; {@link #usage()} lists them
 * with their defaults, sized so the default set runs in about fifteen minutes on two
 * cores.
 *
 * @param servers which servers to run: {@code this}, {@code ceiling}, {@code stomp}
 * @param scenarios which scenarios: {@code fanout-a}, {@code fanout-a-rate},
 * {@code fanout-b}, {@code rpc}, their WAMP v2 twins {@code fanout-a-v2},
 * {@code fanout-b-v2} and {@code rpc-v2} (this server only), {@code connections},
 * {@code sessions-19k}, {@code fanout-slow}, {@code redis}, and, not in the default set,
 * {@code soak} (this server only), {@code fanout-5k} and {@code presence}
 * @param repeat rounds of every scenario (servers interleaved); the table shows the
 * median
 * @param warmup warm-up per scenario
 * @param duration measured window per scenario
 * @param eventSize bytes of each event / echo payload
 * @param window events in flight per publisher
 * @param rate events per second per publisher; 0 = as fast as the window allows
 * @param fixedRate events per second of the fixed-rate fan-out A ({@code fanout-a-rate}),
 * chosen below every server's saturation so that latency and loss are measured without
 * queueing
 * @param fanoutASubscribers subscribers in fan-out A (one publisher)
 * @param fanoutBPublishers publishers in fan-out B
 * @param fanoutBSubscribers subscribers in fan-out B
 * @param rpcConnections connections in the RPC scenario
 * @param connections sessions in the connections scenario
 * @param clientThreads event loops of the load generator
 * @param sourceAddresses 127.0.0.x source addresses to spread clients over
 * @param jvmFlags flags for every server JVM
 * @param thisJar this server's jar: the starter bench app (or the chat sample jar)
 * @param ceilingJar the ceiling server jar
 * @param stompJar the STOMP server jar
 * @param thisArgs extra arguments for this server
 * @param stompArgs extra arguments for the STOMP server
 * @param port the first port servers listen on
 * @param redisPort Redis for the two-node run; started from {@code redis-server} on the
 * PATH when nothing listens there
 * @param logs where server logs go
 * @param out where the markdown table is also written, if set
 * @param soakDuration how long the {@code soak} scenario churns
 * @param soakWorkers concurrent client lifecycles in the {@code soak} scenario
 * @param manySessions sessions the {@code sessions-19k} scenario holds
 * @param wideSubscribers subscribers of the {@code fanout-5k} scenario (one publisher)
 * @param slowSubscribers subscribers of the {@code fanout-slow} scenario (one publisher)
 * @param slowReaders how many of them stop reading their sockets in its second run
 * @param slowEventSize bytes of its events (larger than {@code eventSize}, so that a slow
 * reader's queue reaches its byte bound within a default-length run)
 * @param slowMaxExtension how much longer than {@code duration} its slow run may measure
 * while waiting for this server's overflow counter to count every slow reader
 * @param serversGiven whether {@code --servers} was given; if not, {@code sessions-19k}
 * and {@code fanout-slow} leave out Spring STOMP
 */
record Options(List<String> servers, List<String> scenarios, int repeat, Duration warmup, Duration duration,
		int eventSize, int window, double rate, double fixedRate, int fanoutASubscribers, int fanoutBPublishers,
		int fanoutBSubscribers, int rpcConnections, int connections, int clientThreads, int sourceAddresses,
		List<String> jvmFlags, Path thisJar, Path ceilingJar, Path stompJar, List<String> thisArgs,
		List<String> stompArgs, int port, int redisPort, Path logs, @Nullable Path out, Duration soakDuration,
		int soakWorkers, int manySessions, int wideSubscribers, int slowSubscribers, int slowReaders, int slowEventSize,
		Duration slowMaxExtension, boolean serversGiven) {

	static final Map<String, String> DEFAULTS = defaults();

	private static Map<String, String> defaults() {
		Map<String, String> d = new LinkedHashMap<>();
		d.put("servers", "this,ceiling,stomp");
		d.put("scenarios",
				"fanout-a,fanout-a-v2,fanout-a-rate,fanout-b,fanout-b-v2,rpc,rpc-v2,connections,sessions-19k,fanout-slow,redis");
		d.put("repeat", "1");
		d.put("warmup", "10");
		d.put("duration", "10");
		d.put("event-size", "128");
		d.put("window", "16");
		d.put("rate", "0");
		d.put("fixed-rate", "20");
		d.put("fanout-a-subscribers", "1000");
		d.put("fanout-b-publishers", "10");
		d.put("fanout-b-subscribers", "100");
		d.put("rpc-connections", "100");
		d.put("connections", "10000");
		d.put("client-threads", "2");
		d.put("source-addresses", "50");
		d.put("jvm-flags", "-Xms2g -Xmx2g -XX:+UseParallelGC");
		d.put("this-jar", "benchmarks/starter-server/target/starter-server.jar");
		d.put("ceiling-jar", "benchmarks/ceiling-server/target/ceiling-server.jar");
		d.put("stomp-jar", "benchmarks/stomp-server/target/stomp-server.jar");
		d.put("this-args", "--websocket.server.outbound.max-messages=4096 --logging.level.root=WARN");
		d.put("stomp-args", "");
		d.put("port", "19080");
		d.put("redis-port", "16379");
		d.put("logs", "benchmarks/target/logs");
		d.put("out", "");
		d.put("soak-duration", "300");
		d.put("soak-workers", "40");
		d.put("sessions-19k-count", "19000");
		d.put("fanout-5k-subscribers", "5000");
		d.put("fanout-slow-subscribers", "1000");
		d.put("fanout-slow-readers", "10");
		d.put("fanout-slow-event-size", "4096");
		d.put("fanout-slow-max-extension", "60");
		return d;
	}

	static Options parse(String[] args) {
		Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("expected --name=value, got " + arg + "\n" + usage());
			}
			String name = arg.substring(2, arg.indexOf('='));
			if (!values.containsKey(name)) {
				throw new IllegalArgumentException("unknown option --" + name + "\n" + usage());
			}
			values.put(name, arg.substring(arg.indexOf('=') + 1));
		}
		String out = value(values, "out");
		return new Options(list(value(values, "servers"), ","), list(value(values, "scenarios"), ","),
				Integer.parseInt(value(values, "repeat")),
				Duration.ofMillis((long) (Double.parseDouble(value(values, "warmup")) * 1000)),
				Duration.ofMillis((long) (Double.parseDouble(value(values, "duration")) * 1000)),
				Integer.parseInt(value(values, "event-size")), Integer.parseInt(value(values, "window")),
				Double.parseDouble(value(values, "rate")), Double.parseDouble(value(values, "fixed-rate")),
				Integer.parseInt(value(values, "fanout-a-subscribers")),
				Integer.parseInt(value(values, "fanout-b-publishers")),
				Integer.parseInt(value(values, "fanout-b-subscribers")),
				Integer.parseInt(value(values, "rpc-connections")), Integer.parseInt(value(values, "connections")),
				Integer.parseInt(value(values, "client-threads")), Integer.parseInt(value(values, "source-addresses")),
				list(value(values, "jvm-flags"), " "), Path.of(value(values, "this-jar")),
				Path.of(value(values, "ceiling-jar")), Path.of(value(values, "stomp-jar")),
				list(value(values, "this-args"), " "), list(value(values, "stomp-args"), " "),
				Integer.parseInt(value(values, "port")), Integer.parseInt(value(values, "redis-port")),
				Path.of(value(values, "logs")), out.isBlank() ? null : Path.of(out),
				Duration.ofMillis((long) (Double.parseDouble(value(values, "soak-duration")) * 1000)),
				Integer.parseInt(value(values, "soak-workers")), Integer.parseInt(value(values, "sessions-19k-count")),
				Integer.parseInt(value(values, "fanout-5k-subscribers")),
				Integer.parseInt(value(values, "fanout-slow-subscribers")),
				Integer.parseInt(value(values, "fanout-slow-readers")),
				Integer.parseInt(value(values, "fanout-slow-event-size")),
				Duration.ofMillis((long) (Double.parseDouble(value(values, "fanout-slow-max-extension")) * 1000)),
				Arrays.stream(args).anyMatch((arg) -> arg.startsWith("--servers=")));
	}

	static String usage() {
		StringBuilder usage = new StringBuilder("options (--name=value):\n");
		DEFAULTS.forEach((name, value) -> usage.append("  --").append(name).append("=").append(value).append('\n'));
		return usage.toString();
	}

	// every option has a default, so a name parse() asks for is always present
	private static String value(Map<String, String> values, String name) {
		return Objects.requireNonNull(values.get(name), name);
	}

	private static List<String> list(String value, String separator) {
		return Arrays.stream(value.split(separator)).map(String::trim).filter((s) -> !s.isEmpty()).toList();
	}
}
