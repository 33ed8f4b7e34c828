package dev.websocket.server.engine;

import dev.websocket.server.wamp.WampConnection;

/**
 * Decides whether a connection may perform an action on a URI. A refused CALL is answered
 * with a not-authorized CALLERROR; a refused SUBSCRIBE or PUBLISH is ignored (WAMP v1 has
 * no reply for them) and reported to the {@link WampServerListener}. Runs on the I/O
 * thread: must not block.
 */
@FunctionalInterface
public interface WampAuthorizer {

	/** Allows everything. */
	WampAuthorizer PERMIT_ALL = (connection, action, uri) -> true;

	/**
	 * @param connection the client
	 * @param action what it asks to do
	 * @param uri the full URI
	 * @return whether to allow it
	 */
	boolean isAllowed(WampConnection connection, Action action, String uri);

}
