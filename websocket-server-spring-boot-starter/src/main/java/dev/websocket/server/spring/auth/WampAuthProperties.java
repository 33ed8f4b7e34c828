package dev.websocket.server.spring.auth;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication of WAMP connections ({@code websocket.server.auth.*}).
 *
 * @param required Whether a connection must authenticate before it may do anything: a v1
 * connection (with WAMP-CRA or at the handshake) may only call the WAMP-CRA procedures
 * until then, other CALLs are answered NotAuthorized, SUBSCRIBE and PUBLISH are ignored,
 * and it is closed with 1008 after the timeout; a v2 HELLO that offers only anonymous is
 * answered with ABORT wamp.error.no_matching_auth_method.
 * @param timeout How long a connection may stay unauthenticated when authentication is
 * required; 0 for no limit.
 * @param failureDelay Shortest wait before a wrong WAMP-CRA signature (v1) or a failed v2
 * login is answered; no new challenge is issued to the connection meanwhile.
 * @param failureJitter Most added at random to the failure delay, so that the answer's
 * timing tells nothing.
 * @param tickets WAMP v2 ticket logins: the ticket of each authid (only its digest is
 * kept). Ignored when the application defines its own Wamp2Authenticator bean.
 * @param roles The authrole of an authid after a v2 ticket or wampcra login; others get
 * the default role.
 * @param defaultRole The authrole of a v2 ticket or wampcra login whose authid has none
 * in roles.
 */
@ConfigurationProperties("websocket.server.auth")
public record WampAuthProperties(@DefaultValue("false") boolean required, @DefaultValue("30s") Duration timeout,
		@DefaultValue("1s") Duration failureDelay, @DefaultValue("1s") Duration failureJitter,
		@DefaultValue Map<String, String> tickets, @DefaultValue Map<String, String> roles,
		@DefaultValue("user") String defaultRole) {

	@Override
	public String toString() {
		// never the tickets
		return "WampAuthProperties[required=" + required + ", timeout=" + timeout + ", tickets=" + tickets.keySet()
				+ "]";
	}

}
