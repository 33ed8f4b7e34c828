package dev.websocket.server.spring.security;

import dev.websocket.server.engine.Action;
import dev.websocket.server.engine.WampAuthorizer;
import dev.websocket.server.wamp.WampConnection;

/**
 * The engine's {@link WampAuthorizer} backed by {@link WampSecurityRules}: a refused CALL
 * is answered with a not-authorized CALLERROR, a refused SUBSCRIBE or PUBLISH is ignored.
 */
public final class WampSecurityAuthorizer implements WampAuthorizer {

	private final WampSecurityRules rules;

	/**
	 * @param rules the rules to enforce
	 */
	public WampSecurityAuthorizer(WampSecurityRules rules) {
		this.rules = rules;
	}

	@Override
	public boolean isAllowed(WampConnection connection, Action action, String uri) {
		return this.rules.isAllowed(connection, action, uri);
	}

}
