package dev.websocket.server.engine;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.websocket.server.connection.CloseCodes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * One timer for every connection of a server: each tick pings every open connection and
 * closes with 1001 those that left {@code maxUnansweredPings} pings unanswered.
 */
final class KeepAlive {

	private static final Logger logger = LoggerFactory.getLogger(KeepAlive.class);

	static final String PING_TIMEOUT = "Ping timeout";

	private static final byte[] PING_PAYLOAD = new byte[0];

	private final LiveConnections connections;

	private final int maxUnansweredPings;

	private final Duration interval;

	private @Nullable Disposable timer;

	KeepAlive(LiveConnections connections, Duration interval, int maxUnansweredPings) {
		this.connections = connections;
		this.interval = interval;
		this.maxUnansweredPings = maxUnansweredPings;
	}

	synchronized void start(Scheduler scheduler) {
		if (timer != null || interval.isZero() || interval.isNegative()) {
			return;
		}
		long nanos = interval.toNanos();
		timer = scheduler.schedulePeriodically(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
	}

	synchronized void stop() {
		if (timer != null) {
			timer.dispose();
			timer = null;
		}
	}

	void tick() {
		for (DecoratedConnection connection : connections.live()) {
			try {
				if (connection.isClosing()) {
					continue;
				}
				if (connection.unansweredPings() >= maxUnansweredPings) {
					logger.debug("Session {} left {} pings unanswered; closing", connection.sessionId(),
							maxUnansweredPings);
					connection.close(CloseCodes.GOING_AWAY, PING_TIMEOUT);
					continue;
				}
				connection.pingSent();
				connection.ping(PING_PAYLOAD);
			}
			catch (Throwable ex) {
				logger.warn("Keep-alive failed for session {}", connection.sessionId(), ex);
			}
		}
	}

}
