package dev.websocket.server.benchmarks.harness;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Presence ({@code --scenarios=presence}): the chat sample's own jar, with
 * {@code members} clients (default 1,000) joining one room {@code chat/{room}}, once all
 * at once (each subscribes as soon as its WELCOME arrives, 200 handshakes in flight) and
 * once one at a time (each after the previous one got its member list), each in a room of
 * its own. Reports the presence frames and bytes the members received per join, how many
 * connections the server closed (must be 0), and how many members ended up knowing the
 * whole room (from the member list they got plus the joins after it).
 */
final class PresenceScenario {

	/** The chat sample's jar, built by {@code ./mvnw -pl samples/chat -am package}. */
	static final Path SAMPLE_JAR = Path
		.of(System.getProperty("presence.jar", "samples/chat/target/websocket-server-sample-chat-0.1.0-SNAPSHOT.jar"));

	static final int MEMBERS = Integer.getInteger("presence.members", 1000);

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	private final Options options;

	PresenceScenario(Options options) {
		this.options = options;
	}

	/** Runs both joins against one sample process and puts the figures in the table. */
	void run(Table table, int port) throws Exception {
		if (!Files.isRegularFile(SAMPLE_JAR)) {
			throw new java.io.IOException(SAMPLE_JAR + " is not built (./mvnw -pl samples/chat -am package)");
		}
		List<String> arguments = List.of("--server.port=" + port, "--logging.level.root=WARN");
		try (ServerProcess sample = ServerProcess.start("chat sample",
				ServerProcess.javaCommand(this.options.jvmFlags(), SAMPLE_JAR, arguments), port,
				this.options.logs().resolve("this-presence.log"), Duration.ofSeconds(90))) {
			URI uri = URI.create("ws://127.0.0.1:" + port + "/");
			report(table, "presence: " + MEMBERS + " join one room at once", join(uri, "chat/presence-burst", true));
			report(table, "presence: " + MEMBERS + " join one room one at a time",
					join(uri, "chat/presence-slow", false));
			if (!sample.isAlive()) {
				table.note("presence", Runner.THIS, "the sample process died during the run");
			}
		}
	}

	private static void report(Table table, String name, Outcome outcome) {
		Log.info(name + ": " + outcome);
		table.put(name, "presence frames per join", Table.Format.INTEGER, Runner.THIS,
				(double) outcome.joinFrames / MEMBERS);
		table.put(name, "presence bytes per join", Table.Format.KIB, Runner.THIS, (double) outcome.joinBytes / MEMBERS);
		table.put(name, "presence MiB for all joins", Table.Format.INTEGER, Runner.THIS,
				outcome.joinBytes / (1024.0 * 1024.0));
		table.put(name, "connections closed by the server", Table.Format.INTEGER, Runner.THIS, outcome.closed);
		table.put(name, "members knowing the whole room", Table.Format.INTEGER, Runner.THIS, outcome.complete);
		table.note(name, Runner.THIS, outcome.note);
	}

	private Outcome join(URI serverUri, String room, boolean atOnce) throws Exception {
		Outcome outcome = new Outcome();
		String subscribe = "[5,\"" + room + "\"]";
		long start = System.nanoTime();
		try (Clients clients = new Clients(this.options.clientThreads(), this.options.sourceAddresses())) {
			List<Client> members = new ArrayList<>(MEMBERS);
			List<View> views = new ArrayList<>(MEMBERS);
			Semaphore handshakes = new Semaphore(200);
			for (int i = 0; i < MEMBERS; i++) {
				View view = new View();
				views.add(view);
				if (!handshakes.tryAcquire(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
					outcome.note = "handshakes stalled at member " + i;
					break;
				}
				Client client = clients.connect(serverUri, new Member(i), i,
						(c, frame) -> view.receive(frame, outcome));
				client.ready.whenComplete((c, error) -> {
					handshakes.release();
					if (error == null) {
						client.send(subscribe);
					}
				});
				members.add(client);
				if (!atOnce) {
					// one at a time: the next member joins once this one has its member
					// list
					if (!await(() -> view.listed, TIMEOUT)) {
						outcome.note = "member " + i + " got no member list within " + TIMEOUT.toSeconds() + " s";
						break;
					}
				}
			}
			int joined = members.size();
			await(() -> views.stream().limit(joined).allMatch((view) -> view.known() >= joined), TIMEOUT);
			outcome.seconds = (System.nanoTime() - start) / 1e9;
			// before the members leave: their departures are not part of the joins
			outcome.measure();
			outcome.closed = (int) members.stream().filter((c) -> c.closed.isDone()).count();
			outcome.complete = (int) views.stream().limit(joined).filter((view) -> view.known() == joined).count();
			if (outcome.note == null && outcome.complete < MEMBERS) {
				outcome.note = (MEMBERS - outcome.complete) + " members do not know the whole room";
			}
		}
		return outcome;
	}

	private static boolean await(java.util.function.BooleanSupplier condition, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(5);
		}
		return true;
	}

	/** What one scenario run saw. */
	private static final class Outcome {

		final AtomicLong frames = new AtomicLong();

		final AtomicLong bytes = new AtomicLong();

		long joinFrames;

		long joinBytes;

		int closed;

		int complete;

		double seconds;

		@Nullable String note;

		void measure() {
			this.joinFrames = this.frames.get();
			this.joinBytes = this.bytes.get();
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%d frames, %.1f MiB, %d closed, %d complete, %.1f s%s", joinFrames,
					joinBytes / (1024.0 * 1024.0), closed, complete, seconds, (note != null) ? "; " + note : "");
		}

	}

	/**
	 * One member's view of the room: the size of the member list it got, and the joins
	 * and leaves after it (counted, not parsed: the frames are the sample's presence
	 * events).
	 */
	private static final class View {

		private static final byte[] SESSION = "\"session\"".getBytes(StandardCharsets.US_ASCII);

		volatile boolean listed;

		volatile int listSize;

		final AtomicInteger changes = new AtomicInteger();

		void receive(ByteBuf frame, Outcome outcome) {
			outcome.frames.incrementAndGet();
			outcome.bytes.addAndGet(frame.readableBytes());
			String text = frame.toString(StandardCharsets.UTF_8);
			if (text.contains("\"members\"")) {
				// every member entry carries "session", and so does the event itself
				this.listSize = count(frame) - 1;
				this.listed = true;
			}
			else if (text.contains("\"action\":\"joined\"")) {
				this.changes.incrementAndGet();
			}
			else if (text.contains("\"action\":\"left\"")) {
				this.changes.decrementAndGet();
			}
		}

		int known() {
			return this.listed ? this.listSize + this.changes.get() : 0;
		}

		private static int count(ByteBuf frame) {
			int count = 0;
			int end = frame.writerIndex() - SESSION.length;
			for (int i = frame.readerIndex(); i <= end; i++) {
				int j = 0;
				while (j < SESSION.length && frame.getByte(i + j) == SESSION[j]) {
					j++;
				}
				if (j == SESSION.length) {
					count++;
				}
			}
			return count;
		}

	}

	/**
	 * WAMP v1 with the member's nickname in the WebSocket URL, as the chat page sends it.
	 */
	private record Member(int index) implements Protocol {

		@Override
		public String path() {
			return "/ws?nick=m" + this.index;
		}

		@Override
		public String subprotocol() {
			return WAMP.subprotocol();
		}

		@Override
		public @Nullable String connectFrame() {
			return null;
		}

		@Override
		public Kind classify(ByteBuf frame) {
			return WAMP.classify(frame);
		}

		@Override
		public String subscribe(int id) {
			return WAMP.subscribe(id);
		}

		@Override
		public String publish(String json) {
			return WAMP.publish(json);
		}

		@Override
		public @Nullable String rpcSetupFrame() {
			return null;
		}

		@Override
		public String call(long callId, String json) {
			return WAMP.call(callId, json);
		}

	}

}
