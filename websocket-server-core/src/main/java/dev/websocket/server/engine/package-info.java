/**
 * The WAMP v1 server engine: {@link dev.websocket.server.engine.WampServer} runs the
 * middleware chain, topics and handlers for every connection a transport opens through
 * it. Inside, a session ({@code ServerSession}) decodes and checks what arrives and
 * passes it down the chain to the v1 {@code Dispatcher}, which hands it to the
 * protocol-neutral core: {@code CallDispatcher} (RPC: routes, in-flight limit, timeouts,
 * exactly one answer) and {@code Subscriptions} (topics and their subscribers, PUBLISH to
 * the broker, local delivery), both behind {@code Authorization}. Every session gets the
 * same immutable {@code SessionContext} at creation.
 */
@NullMarked
package dev.websocket.server.engine;

import org.jspecify.annotations.NullMarked;
