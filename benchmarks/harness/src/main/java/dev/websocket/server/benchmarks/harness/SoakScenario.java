package dev.websocket.server.benchmarks.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import reactor.core.Disposable;

/**
 * Soak: minutes of churn against this server, with the ways real clients leave mixed in,
 * then a check that nothing stayed behind. Workers connect, subscribe to one of a few
 * rooms, publish, call {@code sample/echo}, sometimes unsubscribe, and leave by a close
 * frame, by dropping TCP without one (a FIN, or a reset), or by sending a malformed
 * message the server closes with 1007; a few long-lived readers sit in the rooms
 * throughout. At the end every client is gone and the server's {@code wamp.connections},
 * {@code wamp.subscriptions} and {@code wamp.topics} gauges (read from its actuator) must
 * return to zero, its heap after a full GC must be within a few MiB of the start, and its
 * log must hold no ERROR line. Not part of the build's tests: run it with
 * {@code benchmarks/run.sh --servers=this --scenarios=soak}.
 */
final class SoakScenario {

	private static final int ROOMS = 8;

	private static final int READERS = 16;

	private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");

	private final Options options;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final AtomicLong sessions = new AtomicLong();

	private final AtomicLong closeFrames = new AtomicLong();

	private final AtomicLong finDrops = new AtomicLong();

	private final AtomicLong resets = new AtomicLong();

	private final AtomicLong violations = new AtomicLong();

	private final AtomicLong failedConnects = new AtomicLong();

	private final AtomicLong received = new AtomicLong();

	SoakScenario(Options options) {
		this.options = options;
	}

	Results.Soak run(URI serverUri, ServerProcess server) throws Exception {
		String metrics = "http://127.0.0.1:" + server.port() + "/actuator/metrics/";
		try (Clients clients = new Clients(this.options.clientThreads(), this.options.sourceAddresses())) {
			// warm-up: load the classes of every path, then measure the idle baseline
			churn(clients, serverUri, Duration.ofSeconds(15));
			clients.closeAll(Duration.ofSeconds(15));
			awaitZero(metrics, Duration.ofSeconds(30));
			long heapStart = server.heapUsedAfterGc();
			long errorsStart = errorLines(server);
			this.sessions.set(0);
			this.closeFrames.set(0);
			this.finDrops.set(0);
			this.resets.set(0);
			this.violations.set(0);
			this.failedConnects.set(0);
			this.received.set(0);
			Log.info("soak: baseline heap " + heapStart / 1024 + " KiB; churning for "
					+ this.options.soakDuration().toSeconds() + " s with " + this.options.soakWorkers() + " workers");
			List<Client> readers = clients.open(READERS, READERS, Duration.ofSeconds(30), (i) -> serverUri,
					Protocol.WAMP, (i) -> (client, frame) -> this.received.incrementAndGet());
			for (Client reader : readers) {
				reader.send(subscribe(reader.index % ROOMS));
			}
			long started = System.nanoTime();
			churn(clients, serverUri, this.options.soakDuration());
			double seconds = (System.nanoTime() - started) / 1e9;
			// the readers leave abruptly too
			readers.forEach((reader) -> drop(reader, true));
			clients.closeAll(Duration.ofSeconds(30));
			Gauges end = awaitZero(metrics, Duration.ofSeconds(60));
			long heapEnd = server.heapUsedAfterGc();
			long errors = errorLines(server) - errorsStart;
			String note = (end.connections() + end.subscriptions() + end.topics() > 0) ? "state left behind: " + end
					: null;
			return new Results.Soak(seconds, this.sessions.get(), this.closeFrames.get(), this.finDrops.get(),
					this.resets.get(), this.violations.get(), this.failedConnects.get(), this.received.get(),
					end.connections(), end.subscriptions(), end.topics(), heapStart, heapEnd, errors, note);
		}
	}

	/** Runs the workers until {@code duration} has passed. */
	private void churn(Clients clients, URI serverUri, Duration duration) throws InterruptedException {
		long deadline = System.nanoTime() + duration.toNanos();
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < this.options.soakWorkers(); i++) {
			int worker = i;
			Thread thread = new Thread(() -> {
				int index = worker;
				while (System.nanoTime() < deadline) {
					session(clients, serverUri, index);
					index += this.options.soakWorkers();
				}
			}, "soak-" + i);
			thread.start();
			workers.add(thread);
		}
		for (Thread worker : workers) {
			worker.join();
		}
	}

	/** One client's life: connect, act, leave one of four ways. */
	private void session(Clients clients, URI serverUri, int index) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Client client = clients.connect(serverUri, Protocol.WAMP, index, Client.Listener.NONE);
		try {
			client.ready.get(20, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			this.failedConnects.incrementAndGet();
			drop(client, true);
			return;
		}
		this.sessions.incrementAndGet();
		int room = random.nextInt(ROOMS);
		try {
			client.send(subscribe(room));
			int actions = 1 + random.nextInt(8);
			for (int i = 0; i < actions; i++) {
				switch (random.nextInt(4)) {
					case 0 -> client.send("[7,\"chat/soak-" + room + "\",{\"n\":" + i + ",\"text\":\"soak\"}]");
					case 1 -> client.send("[2,\"c" + i + "\",\"sample/echo\",{\"n\":" + i + "}]");
					case 2 -> client.send(subscribe(random.nextInt(ROOMS)));
					default -> client.send("[6,\"chat/soak-" + random.nextInt(ROOMS) + "\"]");
				}
				Thread.sleep(random.nextInt(5, 60));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		switch (random.nextInt(4)) {
			case 0 -> {
				this.closeFrames.incrementAndGet();
				client.close();
			}
			case 1 -> {
				this.finDrops.incrementAndGet();
				drop(client, false);
			}
			case 2 -> {
				this.resets.incrementAndGet();
				drop(client, true);
			}
			default -> {
				this.violations.incrementAndGet();
				client.send("[99,\"not a WAMP message\"]");
			}
		}
		try {
			client.closed.get(20, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			drop(client, true);
		}
	}

	private static String subscribe(int room) {
		return "[5,\"chat/soak-" + room + "\"]";
	}

	/**
	 * Closes the TCP connection without a close frame: a FIN, or with {@code reset} a
	 * reset (linger 0), as a crashed client or a lost network does.
	 */
	private static void drop(Client client, boolean reset) {
		Channel channel = client.channel;
		if (channel == null) {
			Disposable disposable = client.disposable;
			if (disposable != null) {
				disposable.dispose();
			}
			return;
		}
		if (reset) {
			channel.config().setOption(ChannelOption.SO_LINGER, 0);
		}
		channel.close();
	}

	private Gauges awaitZero(String metrics, Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Gauges gauges = gauges(metrics);
		while (gauges.connections() + gauges.subscriptions() + gauges.topics() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(500);
			gauges = gauges(metrics);
		}
		return gauges;
	}

	private Gauges gauges(String metrics) throws IOException, InterruptedException {
		return new Gauges(gauge(metrics + "wamp.connections"), gauge(metrics + "wamp.subscriptions"),
				gauge(metrics + "wamp.topics"));
	}

	private long gauge(String url) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher matcher = VALUE.matcher(response.body());
		if (response.statusCode() != 200 || !matcher.find()) {
			throw new IOException(url + " answered " + response.statusCode() + ": " + response.body());
		}
		return (long) Double.parseDouble(matcher.group(1));
	}

	private static long errorLines(ServerProcess server) throws IOException {
		try (var lines = Files.lines(server.log())) {
			return lines.filter((line) -> line.contains(" ERROR ")).count();
		}
	}

	/** The server's state gauges. */
	private record Gauges(long connections, long subscriptions, long topics) {
	}

}
