/** Micrometer metrics of the WAMP server. */
@NullMarked
package dev.websocket.server.spring.metrics;

import org.jspecify.annotations.NullMarked;
