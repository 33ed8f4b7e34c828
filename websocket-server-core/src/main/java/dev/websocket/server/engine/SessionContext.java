package dev.websocket.server.engine;

import dev.websocket.server.middleware.Middleware;
import dev.websocket.server.wamp.codec.WampCodec;

/**
 * What every session of one server works with, fixed when the server is built and handed
 * to each session at creation, so that a session never reaches back into
 * {@link WampServer}. The protocol-neutral core is {@code calls}, {@code subscriptions}
 * and {@code connections} (with the routes, topics, broker, authorizer and limits behind
 * them): a session of another protocol generation uses the same ones and only decodes and
 * answers in its own messages.
 *
 * @param settings the limits in force
 * @param codec the WAMP v1 codec
 * @param listener observes the engine
 * @param chain the middleware chain, ending in the v1 {@link Dispatcher}
 * @param calls answers CALLs
 * @param subscriptions topics, subscriptions, publications and local delivery
 * @param connections this node's live connections
 */
record SessionContext(WampServerSettings settings, WampCodec codec, WampServerListener listener, Middleware.Chain chain,
		CallDispatcher calls, Subscriptions subscriptions, LiveConnections connections) {
}
