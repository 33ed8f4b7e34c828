package dev.websocket.server.engine;

import java.security.Principal;

import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.middleware.HandshakeRejectedException;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.message.WampMessage;
import org.jspecify.annotations.Nullable;

/**
 * Observes what the engine does, for application events and metrics. Every method has an
 * empty default. Methods run on I/O threads: they must be quick and must not block or
 * throw.
 */
public interface WampServerListener {

	/**
	 * A connection passed the handshake and got its WELCOME. @param connection the
	 * connection
	 */
	default void connectionOpened(WampConnection connection) {
	}

	/**
	 * A connection closed; called once per opened connection.
	 * @param connection the connection
	 * @param status the close status (1006 when the socket dropped without one)
	 */
	default void connectionClosed(WampConnection connection, CloseStatus status) {
	}

	/**
	 * A handshake was refused.
	 * @param request the upgrade request
	 * @param rejection why, with the HTTP status
	 */
	default void handshakeRejected(HttpRequest request, HandshakeRejectedException rejection) {
	}

	/**
	 * A connection's principal changed after the handshake, by an in-band login such as
	 * WAMP-CRA ({@link WampConnection#authenticate}).
	 * @param connection the connection
	 * @param principal its user from now on
	 */
	default void authenticated(WampConnection connection, Principal principal) {
	}

	/** A message was decoded. @param connection the sender @param message the message */
	default void messageReceived(WampConnection connection, WampMessage message) {
	}

	/**
	 * Messages were queued for clients.
	 * @param typeId the WAMP type id
	 * @param count how many connections they were queued for
	 */
	default void messagesSent(int typeId, int count) {
	}

	/**
	 * A connection subscribed. @param connection the subscriber @param topicUri the topic
	 */
	default void subscribed(WampConnection connection, String topicUri) {
	}

	/**
	 * A connection left a topic. @param connection the subscriber @param topicUri the
	 * topic
	 */
	default void unsubscribed(WampConnection connection, String topicUri) {
	}

	/** A topic got its first local subscriber. @param topicUri the topic */
	default void topicCreated(String topicUri) {
	}

	/** A topic lost its last local subscriber. @param topicUri the topic */
	default void topicRemoved(String topicUri) {
	}

	/**
	 * A message was ignored, as WAMP v1 has no reply for it.
	 * @param connection the sender
	 * @param message the message
	 * @param reason why
	 */
	default void messageIgnored(WampConnection connection, WampMessage message, IgnoredReason reason) {
	}

	/**
	 * A CALL was answered.
	 * @param connection the caller
	 * @param pattern the matched pattern, or {@code null} when no procedure matched
	 * @param outcome how it ended
	 * @param nanos time from receipt to answer
	 */
	default void callCompleted(WampConnection connection, @Nullable String pattern, CallOutcome outcome, long nanos) {
	}

	/**
	 * A connection's outbound queue overflowed.
	 * @param connection the connection
	 * @param policy the policy that applied
	 */
	default void outboundOverflow(WampConnection connection, OverflowPolicy policy) {
	}

	/**
	 * An error occurred on a connection (a protocol violation, a handler failure, a
	 * transport error).
	 * @param connection the connection
	 * @param error the error
	 */
	default void error(WampConnection connection, Throwable error) {
	}

	/** Why a SUBSCRIBE, UNSUBSCRIBE, PUBLISH or PREFIX was ignored. */
	enum IgnoredReason {

		/** No topic handler matches the URI. */
		NO_SUCH_TOPIC,
		/** The authorization hook refused it. */
		NOT_AUTHORIZED,
		/** The topic handler refused the subscription. */
		REFUSED,
		/** A per-connection limit was reached. */
		LIMIT_REACHED,
		/** UNSUBSCRIBE from a topic the connection is not subscribed to. */
		NOT_SUBSCRIBED,
		/** The topic handler dropped the publication. */
		DROPPED,
		/** A PUBLISH over the publisher's budget ({@link PublishLimits}). */
		OVER_BUDGET

	}

	/** How a CALL ended. */
	enum CallOutcome {

		/** Answered with CALLRESULT. */
		SUCCESS,
		/**
		 * Answered with an application CALLERROR
		 * ({@link dev.websocket.server.wamp.WampException}).
		 */
		APPLICATION_ERROR,
		/** No procedure matched. */
		NO_SUCH_PROCEDURE,
		/** Refused by the authorization hook. */
		NOT_AUTHORIZED,
		/** Too many calls in flight. */
		TOO_MANY_CALLS,
		/** The handler did not answer in time. */
		TIMEOUT,
		/** The handler failed unexpectedly. */
		INTERNAL_ERROR,
		/** The caller cancelled it (WAMP v2 CANCEL), or its callee left. */
		CANCELLED

	}

}
