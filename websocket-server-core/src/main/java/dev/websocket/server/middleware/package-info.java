/**
 * The middleware chain: layers that decorate the connection lifecycle ({@code onOpen},
 * {@code onMessage}, {@code onClose}, {@code onError}) and call the next layer, and the
 * built-in layers that need no Spring.
 */
@NullMarked
package dev.websocket.server.middleware;

import org.jspecify.annotations.NullMarked;
