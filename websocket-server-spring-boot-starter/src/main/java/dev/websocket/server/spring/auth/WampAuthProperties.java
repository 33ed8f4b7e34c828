package dev.websocket.server.spring.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication of WAMP connections ({@code websocket.server.auth.*}).
 *
 * @param required Whether a connection must authenticate (with WAMP-CRA or at the
 * handshake) before it may do anything but call the WAMP-CRA procedures: other CALLs are
 * answered NotAuthorized, SUBSCRIBE and PUBLISH are ignored, and the connection is closed
 * with 1008 after the timeout.
 * @param timeout How long a connection may stay unauthenticated when authentication is
 * required; 0 for no limit.
 * @param failureDelay Shortest wait before a wrong WAMP-CRA signature is answered; no new
 * challenge is issued to the connection meanwhile.
 * @param failureJitter Most added at random to the failure delay, so that the answer's
 * timing tells nothing.
 */
@ConfigurationProperties("websocket.server.auth")
public record WampAuthProperties(@DefaultValue("false") boolean required, @DefaultValue("30s") Duration timeout,
		@DefaultValue("1s") Duration failureDelay, @DefaultValue("1s") Duration failureJitter) {
}
