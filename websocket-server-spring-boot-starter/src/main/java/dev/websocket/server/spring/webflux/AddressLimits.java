package dev.websocket.server.spring.webflux;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.websocket.server.middleware.HandshakeRejectedException;
import dev.websocket.server.middleware.HandshakeRejectedException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Per client address: how many WebSocket connections may be open at once and how many
 * handshakes may start per second. Both are off at zero. The connection counts hold one
 * entry per address with a connection open (removed with its last one); the handshake
 * counts hold the addresses seen in the current one-second window and are dropped when
 * the next window starts, so neither grows without bound.
 */
final class AddressLimits {

	private static final long WINDOW_NANOS = 1_000_000_000L;

	/**
	 * What {@link #acquireConnection} returns without a connection limit: nothing to
	 * release.
	 */
	static final Runnable UNLIMITED = () -> {
	};

	private final int maxConnections;

	private final int maxHandshakesPerSecond;

	private final ConcurrentHashMap<String, AtomicInteger> connections = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, AtomicInteger> handshakes = new ConcurrentHashMap<>();

	private final AtomicLong windowStart = new AtomicLong(System.nanoTime());

	/**
	 * @param maxConnections connections open at once per address; 0 for no limit
	 * @param maxHandshakesPerSecond handshakes per address per second; 0 for no limit
	 */
	AddressLimits(int maxConnections, int maxHandshakesPerSecond) {
		this.maxConnections = maxConnections;
		this.maxHandshakesPerSecond = maxHandshakesPerSecond;
	}

	/**
	 * Counts a handshake of an address against the rate limit.
	 * @return the refusal (429), or {@code null} when within the limit
	 */
	@Nullable HandshakeRejectedException countHandshake(String address) {
		if (this.maxHandshakesPerSecond == 0) {
			return null;
		}
		long now = System.nanoTime();
		long start = this.windowStart.get();
		if (now - start >= WINDOW_NANOS && this.windowStart.compareAndSet(start, now)) {
			this.handshakes.clear();
		}
		int count = this.handshakes.computeIfAbsent(address, (key) -> new AtomicInteger()).incrementAndGet();
		if (count > this.maxHandshakesPerSecond) {
			return new HandshakeRejectedException(429, Reason.RATE_LIMITED,
					"More than " + this.maxHandshakesPerSecond + " handshakes per second from " + address);
		}
		return null;
	}

	/**
	 * Takes one of an address's connections.
	 * @return releases it (once, however often it runs; {@link #UNLIMITED} without a
	 * limit), or {@code null} when the address is at its limit
	 */
	@Nullable Runnable acquireConnection(String address) {
		if (this.maxConnections == 0) {
			return UNLIMITED;
		}
		AtomicInteger[] taken = new AtomicInteger[1];
		this.connections.compute(address, (key, count) -> {
			AtomicInteger current = (count != null) ? count : new AtomicInteger();
			if (current.get() < this.maxConnections) {
				current.incrementAndGet();
				taken[0] = current;
			}
			return current;
		});
		if (taken[0] == null) {
			return null;
		}
		AtomicBoolean released = new AtomicBoolean();
		return () -> {
			if (released.compareAndSet(false, true)) {
				this.connections.computeIfPresent(address,
						(key, count) -> (count.decrementAndGet() == 0) ? null : count);
			}
		};
	}

	/** The refusal of a connection over the per-address limit (429). */
	HandshakeRejectedException tooManyConnections(String address) {
		return new HandshakeRejectedException(429, Reason.TOO_MANY_CONNECTIONS,
				"More than " + this.maxConnections + " connections from " + address);
	}

}
