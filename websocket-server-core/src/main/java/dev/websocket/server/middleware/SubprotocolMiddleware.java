package dev.websocket.server.middleware;

import dev.websocket.server.connection.Attributes;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.middleware.HandshakeRejectedException.Reason;
import dev.websocket.server.wamp.WampConnection;

/**
 * The layer that establishes the WebSocket: when strict, a handshake that does not offer
 * the {@code wamp} subprotocol is refused with HTTP 400 ({@link Reason#SUBPROTOCOL}).
 * Subprotocol names are compared exactly, as RFC 6455 defines them as case-sensitive
 * tokens. The transport echoes {@code wamp} in its response when it was offered.
 */
public final class SubprotocolMiddleware implements Middleware {

	/** The WAMP v1 subprotocol name. */
	public static final String WAMP = "wamp";

	private final boolean strict;

	/**
	 * @param strict whether to refuse handshakes that do not offer {@code wamp}
	 */
	public SubprotocolMiddleware(boolean strict) {
		this.strict = strict;
	}

	@Override
	public int order() {
		return WEBSOCKET_ORDER;
	}

	@Override
	public void onOpen(WampConnection connection, Chain chain) {
		if (strict && !offersWamp(connection)) {
			throw new HandshakeRejectedException(400, Reason.SUBPROTOCOL, "The 'wamp' subprotocol was not offered");
		}
		chain.onOpen(connection);
	}

	private static boolean offersWamp(WampConnection connection) {
		Object request = connection.attributes().get(Attributes.HTTP_REQUEST);
		return (request instanceof HttpRequest httpRequest) && httpRequest.subprotocols().contains(WAMP);
	}

}
