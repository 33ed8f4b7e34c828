package dev.websocket.server.spring.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.engine.OverflowPolicy;
import dev.websocket.server.engine.WampServerListener;
import dev.websocket.server.middleware.HandshakeRejectedException;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.message.WampMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Records the WAMP server's Micrometer metrics:
 * <ul>
 * <li>{@code wamp.connections}, {@code wamp.subscriptions}, {@code wamp.topics}
 * (gauges);</li>
 * <li>{@code wamp.messages.in} and {@code wamp.messages.out} (counters tagged
 * {@code type});</li>
 * <li>{@code wamp.calls} (timer tagged {@code procedure} pattern and
 * {@code outcome});</li>
 * <li>{@code wamp.outbound.overflows} (counter tagged {@code policy});</li>
 * <li>{@code wamp.handshakes.rejected} and {@code wamp.messages.ignored} (counters tagged
 * {@code reason}).</li>
 * </ul>
 * Meters are created up front (or once per procedure pattern) and looked up by array
 * index on the hot paths.
 */
public final class WampMetricsListener implements WampServerListener {

	private static final String[] TYPE_NAMES = { "WELCOME", "PREFIX", "CALL", "CALLRESULT", "CALLERROR", "SUBSCRIBE",
			"UNSUBSCRIBE", "PUBLISH", "EVENT" };

	private static final String NO_PROCEDURE = "none";

	private final MeterRegistry registry;

	private final AtomicInteger connections = new AtomicInteger();

	private final AtomicInteger subscriptions = new AtomicInteger();

	private final AtomicInteger topics = new AtomicInteger();

	private final Counter[] messagesIn = new Counter[TYPE_NAMES.length];

	private final Counter[] messagesOut = new Counter[TYPE_NAMES.length];

	private final Counter[] ignored;

	private final Counter[] rejected;

	private final Counter[] overflows;

	private final Map<String, Timer[]> calls = new ConcurrentHashMap<>();

	/**
	 * @param registry where the meters are registered
	 */
	public WampMetricsListener(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("wamp.connections", this.connections, AtomicInteger::get)
			.description("Open WAMP connections")
			.register(registry);
		Gauge.builder("wamp.subscriptions", this.subscriptions, AtomicInteger::get)
			.description("Subscriptions of the open WAMP connections")
			.register(registry);
		Gauge.builder("wamp.topics", this.topics, AtomicInteger::get)
			.description("Topics with local subscribers")
			.register(registry);
		for (int type = 0; type < TYPE_NAMES.length; type++) {
			this.messagesIn[type] = Counter.builder("wamp.messages.in")
				.description("WAMP messages received")
				.tag("type", TYPE_NAMES[type])
				.register(registry);
			this.messagesOut[type] = Counter.builder("wamp.messages.out")
				.description("WAMP messages queued for clients")
				.tag("type", TYPE_NAMES[type])
				.register(registry);
		}
		IgnoredReason[] ignoredReasons = IgnoredReason.values();
		this.ignored = new Counter[ignoredReasons.length];
		for (IgnoredReason reason : ignoredReasons) {
			this.ignored[reason.ordinal()] = Counter.builder("wamp.messages.ignored")
				.description("WAMP messages ignored, as WAMP v1 has no reply for them")
				.tag("reason", reason.name())
				.register(registry);
		}
		HandshakeRejectedException.Reason[] rejectReasons = HandshakeRejectedException.Reason.values();
		this.rejected = new Counter[rejectReasons.length];
		for (HandshakeRejectedException.Reason reason : rejectReasons) {
			this.rejected[reason.ordinal()] = Counter.builder("wamp.handshakes.rejected")
				.description("WebSocket handshakes refused")
				.tag("reason", reason.name())
				.register(registry);
		}
		OverflowPolicy[] policies = OverflowPolicy.values();
		this.overflows = new Counter[policies.length];
		for (OverflowPolicy policy : policies) {
			this.overflows[policy.ordinal()] = Counter.builder("wamp.outbound.overflows")
				.description("Outbound queue overflows")
				.tag("policy", policy.name())
				.register(registry);
		}
	}

	@Override
	public void connectionOpened(WampConnection connection) {
		this.connections.incrementAndGet();
	}

	@Override
	public void connectionClosed(WampConnection connection, CloseStatus status) {
		this.connections.decrementAndGet();
	}

	@Override
	public void handshakeRejected(HttpRequest request, HandshakeRejectedException rejection) {
		this.rejected[rejection.reason().ordinal()].increment();
	}

	@Override
	public void messageReceived(WampConnection connection, WampMessage message) {
		this.messagesIn[message.typeId()].increment();
	}

	@Override
	public void messagesSent(int typeId, int count) {
		if (typeId >= 0 && typeId < this.messagesOut.length) {
			this.messagesOut[typeId].increment(count);
		}
	}

	@Override
	public void subscribed(WampConnection connection, String topicUri) {
		this.subscriptions.incrementAndGet();
	}

	@Override
	public void unsubscribed(WampConnection connection, String topicUri) {
		this.subscriptions.decrementAndGet();
	}

	@Override
	public void topicCreated(String topicUri) {
		this.topics.incrementAndGet();
	}

	@Override
	public void topicRemoved(String topicUri) {
		this.topics.decrementAndGet();
	}

	@Override
	public void messageIgnored(WampConnection connection, WampMessage message, IgnoredReason reason) {
		this.ignored[reason.ordinal()].increment();
	}

	@Override
	public void callCompleted(WampConnection connection, @Nullable String pattern, CallOutcome outcome, long nanos) {
		String procedure = (pattern != null) ? pattern : NO_PROCEDURE;
		Timer[] timers = this.calls.get(procedure);
		if (timers == null) {
			timers = this.calls.computeIfAbsent(procedure, this::callTimers);
		}
		timers[outcome.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void outboundOverflow(WampConnection connection, OverflowPolicy policy) {
		this.overflows[policy.ordinal()].increment();
	}

	private Timer[] callTimers(String procedure) {
		CallOutcome[] outcomes = CallOutcome.values();
		Timer[] timers = new Timer[outcomes.length];
		for (CallOutcome outcome : outcomes) {
			timers[outcome.ordinal()] = Timer.builder("wamp.calls")
				.description("WAMP calls by procedure pattern and outcome")
				.tag("procedure", procedure)
				.tag("outcome", outcome.name())
				.register(this.registry);
		}
		return timers;
	}

}
