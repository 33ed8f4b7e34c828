package dev.websocket.server.middleware;

import java.util.Collection;
import java.util.List;

import dev.websocket.server.connection.Attributes;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.middleware.HandshakeRejectedException.Reason;
import dev.websocket.server.wamp.WampConnection;
import org.jspecify.annotations.Nullable;

/**
 * The layer that establishes the WebSocket: when strict, a handshake that offers none of
 * the served subprotocols ({@code wamp} by default; also {@code wamp.2.json} and
 * {@code wamp.2.cbor} when WAMP v2 is on) is refused with HTTP 400
 * ({@link Reason#SUBPROTOCOL}). {@link #select} is the one place the subprotocol of a
 * handshake is chosen; the transport echoes that choice in its response. Subprotocol
 * names are compared exactly, as RFC 6455 defines them as case-sensitive tokens.
 */
public final class SubprotocolMiddleware implements Middleware {

	/** The WAMP v1 subprotocol name. */
	public static final String WAMP = "wamp";

	/** The subprotocols the server speaks with WAMP v2 off. */
	public static final List<String> SUPPORTED = List.of(WAMP);

	private final boolean strict;

	private final List<String> served;

	/**
	 * @param strict whether to refuse handshakes that do not offer {@code wamp}
	 */
	public SubprotocolMiddleware(boolean strict) {
		this(strict, SUPPORTED);
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

	/**
	 * Chooses the subprotocol of a handshake among {@code wamp} alone.
	 * @param offered the offered subprotocols, each header value split at commas and
	 * trimmed (see {@link HttpRequest#subprotocols()})
	 * @return the subprotocol to echo, or {@code null} when none offered is spoken
	 */
	public static @Nullable String select(List<String> offered) {
		return select(offered, SUPPORTED);
	}

	/**
	 * Chooses the subprotocol of a handshake: the first one in the client's order of
	 * preference that the server speaks.
	 * @param offered the offered subprotocols, in the client's order
	 * @param served the subprotocols the server speaks
	 * @return the subprotocol to echo, or {@code null} when none offered is spoken
	 */
	public static @Nullable String select(List<String> offered, Collection<String> served) {
		for (String candidate : offered) {
			if (served.contains(candidate)) {
				return candidate;
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
		if (strict && select(offered(connection), served) == null) {
			throw new HandshakeRejectedException(400, Reason.SUBPROTOCOL, served.equals(SUPPORTED)
					? "The 'wamp' subprotocol was not offered" : "None of the subprotocols " + served + " was offered");
		}
		chain.onOpen(connection);
	}

	private static List<String> offered(WampConnection connection) {
		Object request = connection.attributes().get(Attributes.HTTP_REQUEST);
		return (request instanceof HttpRequest httpRequest) ? httpRequest.subprotocols() : List.of();
	}

}
