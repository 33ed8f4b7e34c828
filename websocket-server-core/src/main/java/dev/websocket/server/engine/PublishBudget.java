package dev.websocket.server.engine;

/**
 * The {@link PublishLimits PUBLISH budget} of one connection, as two token buckets kept
 * the way the generic cell rate algorithm keeps them: each is one {@code long}, the time
 * at which it will be full again; a PUBLISH moves that time forward by its cost and is
 * refused when the time would run further ahead of now than the burst allows. No timer,
 * no refill task, two additions per PUBLISH.
 *
 * <p>
 * Not thread-safe, and it need not be: only the connection's inbound path uses it, and
 * that handles one message at a time, in order.
 */
final class PublishBudget {

	private static final double NANOS_PER_SECOND = 1e9;

	/** Nanoseconds one PUBLISH costs; 0 when the count is not limited. */
	private final long eventCost;

	/** How far ahead of now the event bucket may run: the burst's cost. */
	private final long eventAllowance;

	/** Nanoseconds one character costs; 0 when size is not limited. */
	private final double byteCost;

	private final long byteAllowance;

	private long eventsFullAt;

	private long bytesFullAt;

	/**
	 * @param limits the rates and bursts
	 * @param now the current {@link System#nanoTime()}
	 */
	PublishBudget(PublishLimits limits, long now) {
		this.eventCost = (limits.rate() > 0) ? Math.max(1, Math.round(NANOS_PER_SECOND / limits.rate())) : 0;
		this.eventAllowance = saturated((double) this.eventCost * limits.burst());
		this.byteCost = (limits.bytesRate() > 0) ? NANOS_PER_SECOND / limits.bytesRate() : 0;
		this.byteAllowance = saturated(this.byteCost * limits.bytesBurst());
		this.eventsFullAt = now;
		this.bytesFullAt = now;
	}

	/**
	 * Charges one PUBLISH to the budget, if it has room for it.
	 * @param size the PUBLISH message's length in characters
	 * @param now the current {@link System#nanoTime()}
	 * @return whether it is within budget; when not, nothing was charged
	 */
	boolean tryAcquire(int size, long now) {
		long events = this.eventsFullAt;
		if (this.eventCost > 0) {
			events = Math.max(events - now, 0) + this.eventCost;
			if (events > this.eventAllowance) {
				return false;
			}
			events += now;
		}
		long bytes = this.bytesFullAt;
		if (this.byteCost > 0) {
			bytes = Math.max(bytes - now, 0) + saturated(this.byteCost * size);
			if (bytes > this.byteAllowance) {
				return false;
			}
			bytes += now;
		}
		this.eventsFullAt = events;
		this.bytesFullAt = bytes;
		return true;
	}

	/** Nanoseconds, capped far below overflow (a burst may be configured huge). */
	private static long saturated(double nanos) {
		return (long) Math.min(nanos, Long.MAX_VALUE / 4);
	}

}
