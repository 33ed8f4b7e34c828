package dev.websocket.server.wamp;

import java.security.Principal;

import dev.websocket.server.connection.WebSocketConnection;
import org.jspecify.annotations.Nullable;

/**
 * A {@link WebSocketConnection} that speaks WAMP (BabDev's {@code WAMPConnection}): v1,
 * or v2 with the same methods answered in v2 messages. The transport creates one per
 * socket and keeps its identity stable for the socket's lifetime.
 */
public interface WampConnection extends WebSocketConnection {

	/**
	 * The WAMP session id sent in WELCOME: at least 128 random bits, unique, unguessable.
	 */
	String sessionId();

	/**
	 * The connection's WAMP v2 session id (random, 1 to 2<sup>53</sup>): the id a v2
	 * connection got in WELCOME, and the name v2 clients use for a v1 one. Either id
	 * names the same session in exclude and eligible lists, the v2 one written in
	 * decimal.
	 * @return the id; 0 when the implementation has none
	 */
	default long v2SessionId() {
		return 0;
	}

	/**
	 * The WAMP generation the connection speaks: 1, or 2 for {@code wamp.2.json} and
	 * {@code wamp.2.cbor}. Code that writes raw frames with {@link #send(String)} must
	 * write them in that generation's format; the other methods do it themselves.
	 * @return 1 or 2
	 */
	default int protocolVersion() {
		return 1;
	}

	/**
	 * The connection's user, if any: the handshake's authenticated user, replaced by the
	 * one of an in-band login ({@link #authenticate}).
	 */
	@Nullable Principal principal();

	/**
	 * Makes {@code principal} the connection's user from now on, after an in-band login
	 * (WAMP-CRA or an application's own login procedure): authorization rules, principal
	 * parameters, delivery to a user and the lookup of connections by user see it. The
	 * handshake's user stays in
	 * {@link dev.websocket.server.connection.HttpRequest#principal()}.
	 * @param principal the authenticated user
	 * @throws UnsupportedOperationException when this connection cannot change its user
	 */
	default void authenticate(Principal principal) {
		throw new UnsupportedOperationException("This connection cannot change its principal");
	}

	/**
	 * Sends {@code [3, callId, result]}.
	 * @param callId the call's id
	 * @param result the result; {@code null} is sent as JSON null
	 */
	void callResult(String callId, @Nullable Object result);

	/**
	 * Sends {@code [4, callId, errorUri, description]}.
	 * @param callId the call's id
	 * @param errorUri identifies the error
	 * @param description a human-readable description
	 */
	default void callError(String callId, String errorUri, String description) {
		callError(callId, errorUri, description, null);
	}

	/**
	 * Sends {@code [4, callId, errorUri, description, details]}, or the four-element form
	 * when {@code details} is {@code null}.
	 * @param callId the call's id
	 * @param errorUri identifies the error
	 * @param description a human-readable description
	 * @param details application details
	 */
	void callError(String callId, String errorUri, String description, @Nullable Object details);

	/**
	 * Sends {@code [8, topicUri, event]} to this connection only.
	 * @param topicUri the topic; a CURIE is expanded first
	 * @param event the payload
	 */
	void event(String topicUri, @Nullable Object event);

	/**
	 * Defines a CURIE prefix on this connection and tells the client with
	 * {@code [1, prefix, uri]}.
	 * @param prefix the prefix, without the colon
	 * @param uri the URI it stands for
	 */
	void prefix(String prefix, String uri);

	/**
	 * Expands a CURIE with this connection's prefixes: split at the first {@code :}; a
	 * registered prefix is replaced by its URI; {@code http://}, {@code https://} and
	 * unregistered prefixes pass unchanged.
	 * @param curieOrUri a CURIE or full URI
	 * @return the full URI
	 */
	String getUri(String curieOrUri);

}
