package dev.websocket.server.wamp.auth;

import java.security.Principal;

/**
 * The user of a connection authenticated with WAMP-CRA: its name is the auth key.
 *
 * @param name the auth key
 * @param permissions the permissions it was granted
 */
public record WampCraPrincipal(String name, WampCraPermissions permissions) implements Principal {

	@Override
	public String getName() {
		return name;
	}

}
