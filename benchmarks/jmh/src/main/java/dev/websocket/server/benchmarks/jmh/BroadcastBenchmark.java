package dev.websocket.server.benchmarks.jmh;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.engine.OverflowPolicy;
import dev.websocket.server.engine.TransportSession;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.engine.WampServerSettings;
import dev.websocket.server.wamp.topic.Topic;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;

/**
 * The broadcast path of the engine without a network: {@code subscribers} transport
 * sessions opened on a {@link WampServer}, each subscribed to {@code chat/bench} and each
 * with its outbound stream drained by a counting consumer (the transport's stand-in).
 * Measures {@link Topic#broadcast} of a 128-byte event, and a PUBLISH received from one
 * more session, which adds decoding and the topic handler.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BroadcastBenchmark {

	private static final String PUBLISH = "[7,\"chat/bench\"," + CodecBenchmark.EVENT + ",true]";

	/** How many sessions subscribe to the topic. */
	@Param({ "10", "100", "1000" })
	public int subscribers = 100;

	private final LongAdder delivered = new LongAdder();

	private final List<TransportSession> sessions = new ArrayList<>();

	private WampServer server;

	private Topic topic;

	private TransportSession publisher;

	private JsonNode event;

	/** Opens the sessions and subscribes them. */
	@Setup(Level.Trial)
	public void setUp() {
		// pings off; a lagging consumer drops rather than closes, so every trial keeps
		// its subscribers
		WampServerSettings settings = WampServerSettings.builder()
			.outboundMaxMessages(4096)
			.outboundMaxBytes(16L * 1024 * 1024)
			.overflowPolicy(OverflowPolicy.DROP)
			.pingInterval(Duration.ZERO)
			.build();
		this.server = WampServer.builder().settings(settings).topic("chat/{room}", new TopicHandler() {
		}).build();
		for (int i = 0; i <= this.subscribers; i++) {
			TransportSession session = this.server.open(new HttpRequest(URI.create("ws://127.0.0.1/ws"), Map.of(),
					Map.of(), "127.0.0." + (1 + i % 250), List.of("wamp"), null));
			session.outbound().subscribe((frame) -> this.delivered.increment());
			this.sessions.add(session);
		}
		this.publisher = this.sessions.remove(this.sessions.size() - 1);
		for (TransportSession session : this.sessions) {
			session.receiveText("[5,\"chat/bench\"]");
		}
		this.topic = this.server.topic("chat/bench")
			.orElseThrow(() -> new IllegalStateException("no topic chat/bench after SUBSCRIBE"));
		if (this.topic.size() != this.subscribers) {
			throw new IllegalStateException("expected " + this.subscribers + " subscribers, got " + this.topic.size());
		}
		this.event = this.server.codec().mapper().readTree(CodecBenchmark.EVENT);
	}

	/** Closes the server. */
	@TearDown(Level.Trial)
	public void tearDown() {
		this.server.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(5));
	}

	/** {@link Topic#broadcast}: serialize once, queue for every subscriber. */
	@Benchmark
	public int broadcast() {
		return this.topic.broadcast(this.event);
	}

	/** A PUBLISH text frame from a client: decode, topic handler, broadcast. */
	@Benchmark
	public void publish() {
		this.publisher.receiveText(PUBLISH);
	}

}
