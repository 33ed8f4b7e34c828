package dev.websocket.server.spring.autoconfigure;

import java.time.Duration;

import dev.websocket.server.engine.WampServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Says where the WAMP endpoint is served when the context starts (one INFO line: path,
 * subprotocol, broker) and shuts the WAMP server down when the context closes, before the
 * web server stops: every connection gets close 1001 once its queued frames are written,
 * waiting at most the grace period, then keep-alive, periodic tasks and the broker stop.
 */
final class WampServerLifecycle implements SmartLifecycle {

	/**
	 * Stops before Boot's graceful web server shutdown (which waits for open
	 * connections).
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Logger logger = LoggerFactory.getLogger(WampServerLifecycle.class);

	private final WampServer server;

	private final String path;

	private final Duration grace;

	private volatile boolean running;

	private boolean announced;

	WampServerLifecycle(WampServer server, String path, Duration grace) {
		this.server = server;
		this.path = path;
		this.grace = grace;
	}

	@Override
	public void start() {
		this.running = true;
		if (!this.announced) {
			this.announced = true;
			logger.info("WAMP endpoint at path '{}' (subprotocols {}; broker {})", this.path,
					String.join(", ", this.server.served()), this.server.broker().getClass().getSimpleName());
		}
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		try {
			// the context closes on a non-I/O thread: waiting here is safe and bounded
			this.server.shutdown(this.grace).block(this.grace.plusSeconds(1));
		}
		catch (RuntimeException ex) {
			logger.warn("WAMP server did not shut down cleanly", ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Not stopped when the context pauses (Spring pauses cached test contexts that are
	 * not in use): the engine's shutdown is final, so a resumed context would refuse
	 * every handshake with 503.
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
