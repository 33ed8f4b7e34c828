package dev.websocket.server.engine;

import java.util.Comparator;
import java.util.List;

import dev.websocket.server.middleware.Middleware;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.message.WampMessage;

/**
 * Builds the chain once: the layers sorted by {@link Middleware#order()}, each linked to
 * the rest, ending with the engine's own end of chain.
 */
final class MiddlewareChain {

	private MiddlewareChain() {
	}

	/**
	 * @param layers the layers in any order
	 * @param end what runs after the last layer
	 * @return the head of the chain
	 */
	static Middleware.Chain build(List<Middleware> layers, Middleware.Chain end) {
		List<Middleware> sorted = layers.stream().sorted(Comparator.comparingInt(Middleware::order)).toList();
		Middleware.Chain chain = end;
		for (int i = sorted.size() - 1; i >= 0; i--) {
			chain = new Link(sorted.get(i), chain);
		}
		return chain;
	}

	private record Link(Middleware layer, Middleware.Chain next) implements Middleware.Chain {

		@Override
		public void onOpen(WampConnection connection) {
			layer.onOpen(connection, next);
		}

		@Override
		public void onMessage(WampConnection connection, WampMessage message) {
			layer.onMessage(connection, message, next);
		}

		@Override
		public void onClose(WampConnection connection) {
			layer.onClose(connection, next);
		}

		@Override
		public void onError(WampConnection connection, Throwable error) {
			layer.onError(connection, error, next);
		}
	}

}
