/**
 * Handshake principals from the setups browsers allow: a bearer token in a query
 * parameter and a session cookie.
 */
@NullMarked
package dev.websocket.server.spring.handshake;

import org.jspecify.annotations.NullMarked;
