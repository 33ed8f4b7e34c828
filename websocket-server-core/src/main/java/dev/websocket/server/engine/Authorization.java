package dev.websocket.server.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's {@link WampAuthorizer} as the engine asks it, for every protocol: a
 * failing authorizer counts as a refusal and is reported, never thrown at the session.
 */
final class Authorization {

	private static final Logger logger = LoggerFactory.getLogger(Authorization.class);

	private final WampAuthorizer authorizer;

	private final WampServerListener listener;

	Authorization(WampAuthorizer authorizer, WampServerListener listener) {
		this.authorizer = authorizer;
		this.listener = listener;
	}

	boolean isAllowed(DecoratedConnection connection, Action action, String uri) {
		try {
			return authorizer.isAllowed(connection, action, uri);
		}
		catch (Throwable ex) {
			logger.error("Authorizer failed for session {} on {} {}", connection.sessionId(), action, uri, ex);
			listener.error(connection, ex);
			return false;
		}
	}

}
