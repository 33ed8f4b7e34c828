package dev.websocket.server.wamp.auth;

import dev.websocket.server.engine.Action;
import dev.websocket.server.engine.WampAuthorizer;
import dev.websocket.server.wamp.WampConnection;

/**
 * Puts authentication ahead of the application's authorizer: the WAMP-CRA procedures are
 * always callable (an unauthenticated client must reach them), and when authentication is
 * required an unauthenticated connection may do nothing else.
 */
final class AuthenticatingAuthorizer implements WampAuthorizer {

	private final WampAuthorizer delegate;

	private final boolean required;

	AuthenticatingAuthorizer(WampAuthorizer delegate, boolean required) {
		this.delegate = delegate;
		this.required = required;
	}

	@Override
	public boolean isAllowed(WampConnection connection, Action action, String uri) {
		if (action == Action.CALL && WampCraAuthentication.isProcedure(uri)) {
			return true;
		}
		if (required && !WampCraAuthentication.isAuthenticated(connection)) {
			return false;
		}
		return delegate.isAllowed(connection, action, uri);
	}

}
