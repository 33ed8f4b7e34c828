package dev.websocket.server.middleware;

import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.message.WampMessage;

/**
 * One layer of the connection lifecycle, as in BabDev's WebSocket Server middleware
 * stack. Each method does its work and calls {@code chain} to pass on to the next layer,
 * or does not, to stop there. Every method has a pass-through default.
 *
 * <p>
 * {@link #onOpen} runs while the HTTP upgrade request is being answered, before any
 * WebSocket frame: a layer refuses the handshake by throwing
 * {@link HandshakeRejectedException}, which the transport answers with that HTTP status.
 * A refused connection never reaches {@link #onClose}. Messages reach {@link #onMessage}
 * decoded, with CURIEs already expanded; the end of the chain updates subscriptions and
 * dispatches to handlers.
 *
 * <p>
 * Layers are ordered by {@link #order()}, lowest first (outermost); see the constants for
 * the built-in layers. Methods run on the connection's I/O thread and must not block.
 */
public interface Middleware {

	/** Order of the blocked-address layer. */
	int BLOCKED_ADDRESSES_ORDER = -4000;

	/** Order of the allowed-origins layer. */
	int ALLOWED_ORIGINS_ORDER = -3000;

	/** Order of the session-initializing layer (Spring WebSession). */
	int SESSION_ORDER = -2000;

	/** Order of the layer that establishes the WebSocket (subprotocol check). */
	int WEBSOCKET_ORDER = -1000;

	/** The default order for user layers: after the built-in handshake layers. */
	int DEFAULT_ORDER = 0;

	/** This layer's position; lower runs first. */
	default int order() {
		return DEFAULT_ORDER;
	}

	/**
	 * A connection is opening.
	 * @param connection the connection; its session id and {@code http.request} are set
	 * @param chain the next layers
	 * @throws HandshakeRejectedException to refuse the handshake
	 */
	default void onOpen(WampConnection connection, Chain chain) {
		chain.onOpen(connection);
	}

	/**
	 * A message arrived.
	 * @param connection the sender
	 * @param message the decoded message, CURIEs expanded
	 * @param chain the next layers
	 */
	default void onMessage(WampConnection connection, WampMessage message, Chain chain) {
		chain.onMessage(connection, message);
	}

	/**
	 * The connection closed; runs once.
	 * @param connection the connection
	 * @param chain the next layers
	 */
	default void onClose(WampConnection connection, Chain chain) {
		chain.onClose(connection);
	}

	/**
	 * An error occurred on the connection.
	 * @param connection the connection
	 * @param error the error
	 * @param chain the next layers
	 */
	default void onError(WampConnection connection, Throwable error, Chain chain) {
		chain.onError(connection, error);
	}

	/** The rest of the chain after a layer. */
	interface Chain {

		/**
		 * @param connection the connection
		 */
		void onOpen(WampConnection connection);

		/**
		 * @param connection the sender @param message the message
		 */
		void onMessage(WampConnection connection, WampMessage message);

		/**
		 * @param connection the connection
		 */
		void onClose(WampConnection connection);

		/**
		 * @param connection the connection @param error the error
		 */
		void onError(WampConnection connection, Throwable error);

	}

}
