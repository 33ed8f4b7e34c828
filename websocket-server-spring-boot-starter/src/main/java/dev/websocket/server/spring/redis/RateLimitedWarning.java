package dev.websocket.server.spring.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

import org.springframework.core.NestedExceptionUtils;

/**
 * Logs a recurring failure at WARN at most once per interval, with the number of
 * occurrences since the last line, so that an outage does not flood the log. Thread-safe.
 */
final class RateLimitedWarning {

	private final Logger logger;

	private final String what;

	private final long intervalNanos;

	private final AtomicLong pending = new AtomicLong();

	private final AtomicLong lastLogged;

	/**
	 * @param logger where to log
	 * @param what describes one occurrence, e.g. "publication(s) could not reach Redis"
	 * @param interval the shortest time between two lines
	 */
	RateLimitedWarning(Logger logger, String what, Duration interval) {
		this.logger = logger;
		this.what = what;
		this.intervalNanos = interval.toNanos();
		this.lastLogged = new AtomicLong(System.nanoTime() - this.intervalNanos);
	}

	/**
	 * Counts one occurrence and logs when the interval has passed.
	 * @param cause the failure, summarized in the line
	 */
	void occurred(Throwable cause) {
		this.pending.incrementAndGet();
		long now = System.nanoTime();
		long last = this.lastLogged.get();
		if (now - last >= this.intervalNanos && this.lastLogged.compareAndSet(last, now)) {
			long count = this.pending.getAndSet(0);
			if (this.logger.isWarnEnabled()) {
				this.logger.warn("{} {} (at most one such line every {} s): {}", count, this.what,
						Duration.ofNanos(this.intervalNanos).toSeconds(), describe(cause));
			}
			if (this.logger.isDebugEnabled()) {
				this.logger.debug("Last failure", cause);
			}
		}
	}

	/**
	 * The failure and its root cause: Spring's exceptions ("Unable to connect to Redis")
	 * leave where and why (host, port, refused) to the driver's exception underneath.
	 */
	static String describe(Throwable cause) {
		String text = summary(cause);
		Throwable root = NestedExceptionUtils.getRootCause(cause);
		return (root != null && root != cause) ? text + " (caused by " + summary(root) + ")" : text;
	}

	private static String summary(Throwable ex) {
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
