/**
 * WAMP-CRA for WAMP v1 clients in a Spring application: switched on by a
 * {@link dev.websocket.server.wamp.auth.WampCraSecrets} bean, configured with
 * {@code websocket.server.auth.*}.
 */
@NullMarked
package dev.websocket.server.spring.auth;

import org.jspecify.annotations.NullMarked;
