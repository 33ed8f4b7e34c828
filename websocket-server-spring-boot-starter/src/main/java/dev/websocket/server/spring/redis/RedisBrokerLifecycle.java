package dev.websocket.server.spring.redis;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Stops the {@link RedisBroker} when the context closes, after the WAMP server has shut
 * down (which normally stops the broker itself) and before the Redis connection factory
 * stops, so that the broker never tries to reconnect through a stopped factory.
 */
final class RedisBrokerLifecycle implements SmartLifecycle {

	/**
	 * Just above the phase in which Spring Data Redis stops its connection factories (0).
	 */
	static final int PHASE = 1;

	private final ObjectProvider<RedisBroker> broker;

	private volatile boolean running;

	RedisBrokerLifecycle(ObjectProvider<RedisBroker> broker) {
		this.broker = broker;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.broker.ifAvailable(RedisBroker::stop);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
