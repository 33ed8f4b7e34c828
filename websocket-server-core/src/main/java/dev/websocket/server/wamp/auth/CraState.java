package dev.websocket.server.wamp.auth;

import dev.websocket.server.wamp.WampConnection;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * One connection's WAMP-CRA progress, kept in its attributes. CALLs of a connection are
 * handled in order, but a failed try ends on a timer thread and the login timeout fires
 * on another: every transition holds the lock.
 */
final class CraState {

	/** The attribute the state is kept under. */
	static final String ATTRIBUTE = "wamp.auth.cra";

	enum Phase {

		/** Nothing requested. */
		NONE,
		/** A challenge was sent; the next {@code auth} is its one try. */
		CHALLENGED,
		/** An anonymous login was requested. */
		ANONYMOUS_REQUESTED,
		/**
		 * A try failed and its answer is not out yet: no new challenge meanwhile, so
		 * tries of one connection cannot overlap.
		 */
		FAILING,
		/** Logged in (anonymously or with a key). */
		AUTHENTICATED

	}

	private Phase phase = Phase.NONE;

	private @Nullable String authKey;

	private @Nullable WampCraSecret secret;

	private @Nullable String expectedSignature;

	private WampCraPermissions permissions = WampCraPermissions.NONE;

	private @Nullable Disposable timeout;

	static CraState of(WampConnection connection) {
		return connection.attributes().computeIfAbsent(ATTRIBUTE, CraState::new);
	}

	static boolean isAuthenticated(WampConnection connection) {
		return connection.attributes().get(ATTRIBUTE) instanceof CraState state && state.phase() == Phase.AUTHENTICATED;
	}

	synchronized Phase phase() {
		return phase;
	}

	synchronized void challenged(String authKey, WampCraSecret secret, String expectedSignature) {
		this.phase = Phase.CHALLENGED;
		this.authKey = authKey;
		this.secret = secret;
		this.expectedSignature = expectedSignature;
		this.permissions = secret.permissions();
	}

	synchronized void anonymousRequested(WampCraPermissions permissions) {
		this.phase = Phase.ANONYMOUS_REQUESTED;
		this.authKey = null;
		this.secret = null;
		this.expectedSignature = null;
		this.permissions = permissions;
	}

	synchronized @Nullable String authKey() {
		return authKey;
	}

	synchronized @Nullable WampCraSecret secret() {
		return secret;
	}

	synchronized @Nullable String expectedSignature() {
		return expectedSignature;
	}

	synchronized WampCraPermissions permissions() {
		return permissions;
	}

	/** The one try failed: the challenge is gone. */
	synchronized void failing() {
		this.phase = Phase.FAILING;
		this.expectedSignature = null;
	}

	/** The failed try was answered: a new challenge may be requested. */
	synchronized void failureAnswered() {
		if (phase == Phase.FAILING) {
			this.phase = Phase.NONE;
			this.authKey = null;
			this.secret = null;
		}
	}

	synchronized void authenticated() {
		this.phase = Phase.AUTHENTICATED;
		this.expectedSignature = null;
		cancelTimeout();
	}

	synchronized void timeout(Disposable timeout) {
		if (phase == Phase.AUTHENTICATED) {
			timeout.dispose();
			return;
		}
		this.timeout = timeout;
	}

	synchronized void cancelTimeout() {
		Disposable current = timeout;
		if (current != null) {
			current.dispose();
			timeout = null;
		}
	}

}
