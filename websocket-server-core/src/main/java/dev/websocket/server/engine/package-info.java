/**
 * The WAMP v1 server engine: {@link dev.websocket.server.engine.WampServer} runs the
 * middleware chain, topics and handlers for every connection a transport opens through
 * it.
 */
@NullMarked
package dev.websocket.server.engine;

import org.jspecify.annotations.NullMarked;
