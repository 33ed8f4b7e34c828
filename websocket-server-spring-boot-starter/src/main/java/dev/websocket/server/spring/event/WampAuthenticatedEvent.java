package dev.websocket.server.spring.event;

import java.security.Principal;

import dev.websocket.server.wamp.WampConnection;

/**
 * A connection authenticated after its handshake (with WAMP-CRA or an application's own
 * login procedure): its principal is now {@link #getPrincipal()}.
 */
public final class WampAuthenticatedEvent extends WampConnectionEvent {

	private final Principal principal;

	/**
	 * @param connection the connection
	 * @param principal its user from now on
	 */
	public WampAuthenticatedEvent(WampConnection connection, Principal principal) {
		super(connection);
		this.principal = principal;
	}

	/** The authenticated user. */
	public Principal getPrincipal() {
		return this.principal;
	}

}
