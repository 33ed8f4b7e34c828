package dev.websocket.server.engine;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What a WAMP v2 CALL asks for beyond its arguments; a v1 CALL asks for nothing.
 *
 * @param receiveProgress whether the caller takes progressive results
 * @param timeout the caller's own timeout, or {@code null}; the shorter of it and the
 * server's call timeout applies
 * @param discloseMe whether a client callee may learn the caller's session id
 */
record CallOptions(boolean receiveProgress, @Nullable Duration timeout, boolean discloseMe) {

	/** A v1 CALL's options. */
	static final CallOptions NONE = new CallOptions(false, null, false);

	/**
	 * The timeout in force: the shorter positive one of the server's and the caller's.
	 * @param serverTimeout the server's call timeout; zero means none
	 * @return the timeout, or zero for none
	 */
	Duration effectiveTimeout(Duration serverTimeout) {
		if (timeout == null || timeout.isZero() || timeout.isNegative()) {
			return serverTimeout;
		}
		return (serverTimeout.isZero() || timeout.compareTo(serverTimeout) < 0) ? timeout : serverTimeout;
	}

}
