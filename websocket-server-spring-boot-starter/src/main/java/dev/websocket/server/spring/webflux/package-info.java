/**
 * The bridge between Spring WebFlux WebSocket sessions and the WAMP engine, with the
 * pre-upgrade handshake.
 */
@NullMarked
package dev.websocket.server.spring.webflux;

import org.jspecify.annotations.NullMarked;
