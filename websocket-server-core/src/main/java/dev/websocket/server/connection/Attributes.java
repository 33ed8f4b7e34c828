package dev.websocket.server.connection;

/**
 * The reserved attribute names, exactly as BabDev's WebSocket Server names them.
 *
 * <p>
 * Under WebFlux, Netty parses HTTP, so {@link #HTTP_BUFFER} stays unused and
 * {@link #HTTP_HEADERS_RECEIVED} is {@code true} from the moment the connection opens.
 */
public final class Attributes {

	/** Raw bytes of an HTTP request still being received; unused under WebFlux. */
	public static final String HTTP_BUFFER = "http.buffer";

	/** {@code true} once the upgrade request's headers have been received. */
	public static final String HTTP_HEADERS_RECEIVED = "http.headers_received";

	/** The upgrade request, as an {@link HttpRequest}. */
	public static final String HTTP_REQUEST = "http.request";

	/** The client's address as a string (IP literal, no port). */
	public static final String REMOTE_ADDRESS = "remote_address";

	/** A process-unique id of the underlying socket. */
	public static final String RESOURCE_ID = "resource_id";

	/**
	 * The HTTP session (the Spring {@code WebSession} when the session middleware is on).
	 */
	public static final String SESSION = "session";

	/** The WAMP session id sent in WELCOME. */
	public static final String WAMP_SESSION_ID = "wamp.session_id";

	/** The set of topic URIs this connection is subscribed to. */
	public static final String WAMP_SUBSCRIPTIONS = "wamp.subscriptions";

	/** The connection's CURIE prefixes. */
	public static final String WAMP_PREFIXES = "wamp.prefixes";

	/** Once {@code true}, the connection is closing and nothing more is sent. */
	public static final String WEBSOCKET_CLOSING = "websocket.closing";

	private Attributes() {
	}

}
