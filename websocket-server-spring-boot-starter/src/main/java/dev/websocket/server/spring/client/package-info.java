/**
 * Serving the JavaScript client (the WebJar {@code websocket-server-wamp}) at a fixed
 * path.
 */
@NullMarked
package dev.websocket.server.spring.client;

import org.jspecify.annotations.NullMarked;
