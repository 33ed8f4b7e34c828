/**
 * BabDev's WebSocket Server connection model:
 * {@link dev.websocket.server.connection.Connection}, its
 * {@link dev.websocket.server.connection.AttributeStore} and the WebSocket frames a
 * connection sends.
 */
@NullMarked
package dev.websocket.server.connection;

import org.jspecify.annotations.NullMarked;
