/**
 * Authentication of WAMP v2 sessions: the {@link Wamp2Authenticator} SPI that checks
 * {@code ticket} and {@code wampcra} logins, and the settings the router applies.
 */
@NullMarked
package dev.websocket.server.wamp2.auth;

import org.jspecify.annotations.NullMarked;
