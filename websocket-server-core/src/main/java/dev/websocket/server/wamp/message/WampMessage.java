package dev.websocket.server.wamp.message;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A WAMP v1 message: a JSON array whose first element is the type id. Encoding and
 * decoding live in {@code dev.websocket.server.wamp.codec.WampCodec}, not here.
 *
 * <p>
 * Payloads decoded from a client (call arguments, published events) are Jackson
 * {@link JsonNode}s; payloads the server sends (results, events, error details) are any
 * value Jackson can write.
 */
public sealed interface WampMessage {

	/** WELCOME type id. */
	int WELCOME = 0;

	/** PREFIX type id. */
	int PREFIX = 1;

	/** CALL type id. */
	int CALL = 2;

	/** CALLRESULT type id. */
	int CALLRESULT = 3;

	/** CALLERROR type id. */
	int CALLERROR = 4;

	/** SUBSCRIBE type id. */
	int SUBSCRIBE = 5;

	/** UNSUBSCRIBE type id. */
	int UNSUBSCRIBE = 6;

	/** PUBLISH type id. */
	int PUBLISH = 7;

	/** EVENT type id. */
	int EVENT = 8;

	/** This message's type id, 0 to 8. */
	int typeId();

	/**
	 * {@code [0, sessionId, protocolVersion, serverIdent]}, server to client, first
	 * message on a connection.
	 *
	 * @param sessionId the session id
	 * @param protocolVersion always 1
	 * @param serverIdent the server's name and version
	 */
	record Welcome(String sessionId, int protocolVersion, String serverIdent) implements WampMessage {
		@Override
		public int typeId() {
			return WELCOME;
		}
	}

	/**
	 * {@code [1, prefix, uri]}: defines a CURIE prefix for this connection.
	 *
	 * @param prefix the prefix, without the colon
	 * @param uri the URI it stands for
	 */
	record Prefix(String prefix, String uri) implements WampMessage {
		@Override
		public int typeId() {
			return PREFIX;
		}
	}

	/**
	 * {@code [2, callId, procUri, arg1, arg2, ...]}: a remote procedure call, client to
	 * server.
	 *
	 * @param callId the client's id for this call, echoed in the answer
	 * @param procUri the procedure URI or CURIE
	 * @param arguments the positional arguments, possibly none
	 */
	record Call(String callId, String procUri, List<JsonNode> arguments) implements WampMessage {
		public Call {
			arguments = List.copyOf(arguments);
		}

		@Override
		public int typeId() {
			return CALL;
		}
	}

	/**
	 * {@code [3, callId, result]}: the successful answer to a CALL.
	 *
	 * @param callId the call's id
	 * @param result the result, {@code null} for JSON null
	 */
	record CallResult(String callId, @Nullable Object result) implements WampMessage {
		@Override
		public int typeId() {
			return CALLRESULT;
		}
	}

	/**
	 * {@code [4, callId, errorUri, errorDesc]} or
	 * {@code [4, callId, errorUri, errorDesc, errorDetails]}: the failed answer to a
	 * CALL.
	 *
	 * @param callId the call's id
	 * @param errorUri identifies the error
	 * @param errorDescription a human-readable description
	 * @param errorDetails application details; absent from the wire when {@code null}
	 */
	record CallError(String callId, String errorUri, String errorDescription,
			@Nullable Object errorDetails) implements WampMessage {
		@Override
		public int typeId() {
			return CALLERROR;
		}
	}

	/**
	 * {@code [5, topicUri]}: subscribe to a topic.
	 *
	 * @param topicUri the topic URI or CURIE
	 */
	record Subscribe(String topicUri) implements WampMessage {
		@Override
		public int typeId() {
			return SUBSCRIBE;
		}
	}

	/**
	 * {@code [6, topicUri]}: unsubscribe from a topic.
	 *
	 * @param topicUri the topic URI or CURIE
	 */
	record Unsubscribe(String topicUri) implements WampMessage {
		@Override
		public int typeId() {
			return UNSUBSCRIBE;
		}
	}

	/**
	 * One of {@code [7, topicUri, event]}, {@code [7, topicUri, event, excludeMe]},
	 * {@code [7, topicUri, event, exclude]} or
	 * {@code [7, topicUri, event, exclude, eligible]}. At most one of {@code excludeMe}
	 * and {@code exclude} is set; {@code eligible} only with {@code exclude}.
	 *
	 * @param topicUri the topic URI or CURIE
	 * @param event the event payload
	 * @param excludeMe the boolean fourth element, when the client sent one
	 * @param exclude session ids not to deliver to, when the client sent a list
	 * @param eligible session ids to deliver to (everyone else is skipped), when sent
	 */
	record Publish(String topicUri, JsonNode event, @Nullable Boolean excludeMe, @Nullable List<String> exclude,
			@Nullable List<String> eligible) implements WampMessage {

		public Publish {
			if (excludeMe != null && (exclude != null || eligible != null)) {
				throw new IllegalArgumentException("excludeMe excludes exclude/eligible");
			}
			if (eligible != null && exclude == null) {
				throw new IllegalArgumentException("eligible requires exclude");
			}
			exclude = (exclude != null) ? List.copyOf(exclude) : null;
			eligible = (eligible != null) ? List.copyOf(eligible) : null;
		}

		/** The three-element form. @param topicUri the topic @param event the event */
		public Publish(String topicUri, JsonNode event) {
			this(topicUri, event, null, null, null);
		}

		@Override
		public int typeId() {
			return PUBLISH;
		}
	}

	/**
	 * {@code [8, topicUri, event]}: an event on a topic, server to client. Always the
	 * full URI.
	 *
	 * @param topicUri the topic's full URI
	 * @param event the event payload
	 */
	record Event(String topicUri, @Nullable Object event) implements WampMessage {
		@Override
		public int typeId() {
			return EVENT;
		}
	}

}
