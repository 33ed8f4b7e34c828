package dev.websocket.server.spring.security;

import dev.websocket.server.engine.Action;
import dev.websocket.server.wamp.WampConnection;

/**
 * What a {@link WampSecurityRules} rule authorizes: an action of a connection on a URI.
 * It is the object handed to a custom
 * {@link org.springframework.security.authorization.AuthorizationManager}.
 *
 * @param connection the client
 * @param action what it asks to do
 * @param uri the full URI (CURIE expanded)
 */
public record WampAuthorizationContext(WampConnection connection, Action action, String uri) {
}
