package dev.websocket.server.wamp.topic;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Work run at a fixed interval for one topic while it has local subscribers: what it
 * returns (when not {@code null}) is broadcast to them. It must not block.
 *
 * @param interval the period
 * @param work computes the event for the topic, or {@code null} to send nothing this time
 */
public record PeriodicTask(Duration interval, Work work) {

	public PeriodicTask {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("interval must be positive: " + interval);
		}
	}

	/** The work of one tick for one topic. */
	@FunctionalInterface
	public interface Work {

		/**
		 * @param topic the topic
		 * @param variables the variables of its URI in the handler's pattern
		 * @return the event to broadcast, or {@code null} to send nothing this time
		 */
		@Nullable Object run(Topic topic, Map<String, String> variables);

	}

}
