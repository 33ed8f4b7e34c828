package dev.websocket.server.wamp2.auth;

import java.security.Principal;

/**
 * The user of a WAMP v2 session that logged in with {@code ticket} or {@code wampcra}:
 * its name is the authid.
 *
 * @param authid the authid announced in WELCOME
 * @param authrole the authrole announced in WELCOME
 * @param authmethod the method it logged in with
 * @param authprovider the provider announced in WELCOME
 */
public record Wamp2Principal(String authid, String authrole, String authmethod,
		String authprovider) implements Principal {

	@Override
	public String getName() {
		return authid;
	}

}
