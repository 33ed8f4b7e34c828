package dev.websocket.server.wamp.auth;

import java.time.Duration;

import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.middleware.Middleware;
import dev.websocket.server.wamp.WampConnection;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Closes a connection that has not authenticated within the timeout, with 1008 and
 * {@value #REASON}. The timer is scheduled, never slept on; a login or the close cancels
 * it.
 */
final class AuthTimeoutMiddleware implements Middleware {

	static final String REASON = "Authentication timeout";

	private final Duration timeout;

	private final Scheduler timer;

	AuthTimeoutMiddleware(Duration timeout, Scheduler timer) {
		this.timeout = timeout;
		this.timer = timer;
	}

	@Override
	public int order() {
		return WampCraAuthentication.MIDDLEWARE_ORDER;
	}

	@Override
	public void onOpen(WampConnection connection, Chain chain) {
		chain.onOpen(connection);
		// Scheduled only once the inner layers accepted the handshake: a refused one
		// never
		// gets an onClose that would cancel it.
		if (WampCraAuthentication.isAuthenticated(connection)) {
			return;
		}
		CraState state = CraState.of(connection);
		state.timeout(Mono.delay(timeout, timer).subscribe((tick) -> {
			if (!WampCraAuthentication.isAuthenticated(connection)) {
				connection.close(CloseCodes.POLICY_VIOLATION, REASON);
			}
		}));
	}

	@Override
	public void onClose(WampConnection connection, Chain chain) {
		if (connection.attributes().get(CraState.ATTRIBUTE) instanceof CraState state) {
			state.cancelTimeout();
		}
		chain.onClose(connection);
	}

}
