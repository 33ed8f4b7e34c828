package dev.websocket.server.middleware;

import java.util.List;

import dev.websocket.server.connection.Attributes;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.middleware.HandshakeRejectedException.Reason;
import dev.websocket.server.wamp.WampConnection;

/**
 * The layer that establishes the WebSocket: when strict, a handshake that offers none of
 * the served subprotocols ({@code wamp} by default; also {@code wamp.2.json} and
 * {@code wamp.2.cbor} when WAMP v2 is on) is refused with HTTP 400
 * ({@link Reason#SUBPROTOCOL}). Subprotocol names are compared exactly, as RFC 6455
 * defines them as case-sensitive tokens. The transport echoes {@code wamp} in its
 * response when it was offered.
 */
public final class SubprotocolMiddleware implements Middleware {

	/** The WAMP v1 subprotocol name. */
	public static final String WAMP = "wamp";

	private final boolean strict;

	private final List<String> served;

	/**
	 * @param strict whether to refuse handshakes that do not offer {@code wamp}
	 */
	public SubprotocolMiddleware(boolean strict) {
		this(strict, List.of(WAMP));
	}

	/**
	 * @param strict whether to refuse handshakes that offer none of {@code served}
	 * @param served the subprotocols the server speaks ({@code wamp},
	 * {@code wamp.2.json}, {@code wamp.2.cbor})
	 */
	public SubprotocolMiddleware(boolean strict, List<String> served) {
		this.strict = strict;
		this.served = List.copyOf(served);
	}

	@Override
	public int order() {
		return WEBSOCKET_ORDER;
	}

	@Override
	public void onOpen(WampConnection connection, Chain chain) {
		if (strict && !offersServed(connection)) {
			throw new HandshakeRejectedException(400, Reason.SUBPROTOCOL, served.equals(List.of(WAMP))
					? "The 'wamp' subprotocol was not offered" : "None of the subprotocols " + served + " was offered");
		}
		chain.onOpen(connection);
	}

	private boolean offersServed(WampConnection connection) {
		Object request = connection.attributes().get(Attributes.HTTP_REQUEST);
		if (!(request instanceof HttpRequest httpRequest)) {
			return false;
		}
		for (String offered : httpRequest.subprotocols()) {
			if (served.contains(offered)) {
				return true;
			}
		}
		return false;
	}

}
