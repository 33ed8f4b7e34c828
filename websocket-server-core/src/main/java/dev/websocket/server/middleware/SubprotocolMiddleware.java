package dev.websocket.server.middleware;

import java.util.List;

import dev.websocket.server.connection.Attributes;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.middleware.HandshakeRejectedException.Reason;
import dev.websocket.server.wamp.WampConnection;
import org.jspecify.annotations.Nullable;

/**
 * The layer that establishes the WebSocket: when strict, a handshake that does not offer
 * a subprotocol the server speaks is refused with HTTP 400 ({@link Reason#SUBPROTOCOL}).
 * {@link #select} is the one place the subprotocol of a handshake is chosen; the
 * transport echoes that choice in its response. Subprotocol names are compared exactly,
 * as RFC 6455 defines them as case-sensitive tokens.
 */
public final class SubprotocolMiddleware implements Middleware {

	/** The WAMP v1 subprotocol name. */
	public static final String WAMP = "wamp";

	/** The subprotocols the server speaks, in its order of preference. */
	public static final List<String> SUPPORTED = List.of(WAMP);

	private final boolean strict;

	/**
	 * @param strict whether to refuse handshakes that do not offer {@code wamp}
	 */
	public SubprotocolMiddleware(boolean strict) {
		this.strict = strict;
	}

	/**
	 * Chooses the subprotocol of a handshake: the server's most preferred one among those
	 * offered.
	 * @param offered the offered subprotocols, each header value split at commas and
	 * trimmed (see {@link HttpRequest#subprotocols()})
	 * @return the subprotocol to echo, or {@code null} when none offered is spoken
	 */
	public static @Nullable String select(List<String> offered) {
		for (String supported : SUPPORTED) {
			if (offered.contains(supported)) {
				return supported;
			}
		}
		return null;
	}

	@Override
	public int order() {
		return WEBSOCKET_ORDER;
	}

	@Override
	public void onOpen(WampConnection connection, Chain chain) {
		if (strict && select(offered(connection)) == null) {
			throw new HandshakeRejectedException(400, Reason.SUBPROTOCOL, "The 'wamp' subprotocol was not offered");
		}
		chain.onOpen(connection);
	}

	private static List<String> offered(WampConnection connection) {
		Object request = connection.attributes().get(Attributes.HTTP_REQUEST);
		return (request instanceof HttpRequest httpRequest) ? httpRequest.subprotocols() : List.of();
	}

}
