/** Actuator health contribution of the WAMP server. */
@NullMarked
package dev.websocket.server.spring.actuate;

import org.jspecify.annotations.NullMarked;
