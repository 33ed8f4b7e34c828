package dev.websocket.server.spring.redis;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes a {@link RedisBroker}'s counters to Micrometer:
 * {@code wamp.broker.publishes}, {@code wamp.broker.receives},
 * {@code wamp.broker.failures} (tagged {@code kind=publish} or {@code kind=receive}) and
 * the gauge {@code wamp.broker.redis.subscriptions}.
 */
final class RedisBrokerMetrics implements MeterBinder {

	private final RedisBroker broker;

	RedisBrokerMetrics(RedisBroker broker) {
		this.broker = broker;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("wamp.broker.publishes", this.broker, RedisBroker::publishedCount)
			.description("Publications sent to the other nodes through Redis")
			.tag("broker", "redis")
			.register(registry);
		FunctionCounter.builder("wamp.broker.receives", this.broker, RedisBroker::receivedCount)
			.description("Publications received from other nodes through Redis")
			.tag("broker", "redis")
			.register(registry);
		FunctionCounter.builder("wamp.broker.failures", this.broker, RedisBroker::publishFailureCount)
			.description("Publications that could not reach Redis (local subscribers still received them)")
			.tags("broker", "redis", "kind", "publish")
			.register(registry);
		FunctionCounter.builder("wamp.broker.failures", this.broker, RedisBroker::receiveFailureCount)
			.description("Envelopes from Redis that could not be read or delivered")
			.tags("broker", "redis", "kind", "receive")
			.register(registry);
		Gauge.builder("wamp.broker.redis.subscriptions", this.broker, RedisBroker::subscriptionCount)
			.description("Redis channels this node listens to (one per topic with local subscribers)")
			.register(registry);
	}

}
