/**
 * Actuator support of the WAMP server: its health contribution and the {@code wamp}
 * endpoint.
 */
@NullMarked
package dev.websocket.server.spring.actuate;

import org.jspecify.annotations.NullMarked;
