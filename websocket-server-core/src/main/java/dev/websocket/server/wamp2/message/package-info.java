/**
 * WAMP v2 messages as immutable records, each with its wire layout in its Javadoc; the
 * codec lives in {@code dev.websocket.server.wamp2.codec}.
 */
@NullMarked
package dev.websocket.server.wamp2.message;

import org.jspecify.annotations.NullMarked;
