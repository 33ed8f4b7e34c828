package dev.websocket.server.wamp2.message;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A WAMP v2 message: an array whose first element is the type id. Messages that only a
 * client sends carry what was decoded (Jackson {@link JsonNode}s for options and
 * payloads); messages that only the router sends carry any value Jackson can write;
 * messages that travel both ways use plain maps and lists. Absent {@code Arguments} and
 * {@code ArgumentsKw} are empty collections; the codec leaves empty trailing ones off the
 * wire.
 *
 * <p>
 * Ids are integers from 1 to 2<sup>53</sup>: session and publication ids in the global
 * scope (random), subscription and registration ids in the router scope, request ids in
 * the session scope (chosen by the sender).
 */
public sealed interface Wamp2Message {

	/** HELLO type id. */
	int HELLO = 1;

	/** WELCOME type id. */
	int WELCOME = 2;

	/** ABORT type id. */
	int ABORT = 3;

	/** CHALLENGE type id. */
	int CHALLENGE = 4;

	/** AUTHENTICATE type id. */
	int AUTHENTICATE = 5;

	/** GOODBYE type id. */
	int GOODBYE = 6;

	/** ERROR type id. */
	int ERROR = 8;

	/** PUBLISH type id. */
	int PUBLISH = 16;

	/** PUBLISHED type id. */
	int PUBLISHED = 17;

	/** SUBSCRIBE type id. */
	int SUBSCRIBE = 32;

	/** SUBSCRIBED type id. */
	int SUBSCRIBED = 33;

	/** UNSUBSCRIBE type id. */
	int UNSUBSCRIBE = 34;

	/** UNSUBSCRIBED type id. */
	int UNSUBSCRIBED = 35;

	/** EVENT type id. */
	int EVENT = 36;

	/** CALL type id. */
	int CALL = 48;

	/** CANCEL type id. */
	int CANCEL = 49;

	/** RESULT type id. */
	int RESULT = 50;

	/** REGISTER type id. */
	int REGISTER = 64;

	/** REGISTERED type id. */
	int REGISTERED = 65;

	/** UNREGISTER type id. */
	int UNREGISTER = 66;

	/** UNREGISTERED type id. */
	int UNREGISTERED = 67;

	/** INVOCATION type id. */
	int INVOCATION = 68;

	/** INTERRUPT type id. */
	int INTERRUPT = 69;

	/** YIELD type id. */
	int YIELD = 70;

	/** The largest id: 2<sup>53</sup>, the largest integer a double holds exactly. */
	long MAX_ID = 1L << 53;

	/** This message's type id. */
	int typeId();

	/**
	 * {@code [HELLO, Realm|uri, Details|dict]}: a client asks to join a realm.
	 *
	 * @param realm the realm
	 * @param details roles, auth methods, auth id
	 */
	record Hello(String realm, JsonNode details) implements Wamp2Message {
		@Override
		public int typeId() {
			return HELLO;
		}
	}

	/**
	 * {@code [WELCOME, Session|id, Details|dict]}: the router opened the session.
	 *
	 * @param session the session id
	 * @param details the router's roles and features, the auth id, role and method
	 */
	record Welcome(long session, Map<String, ?> details) implements Wamp2Message {
		@Override
		public int typeId() {
			return WELCOME;
		}
	}

	/**
	 * {@code [ABORT, Details|dict, Reason|uri]}: either side ends a session that is not
	 * (yet) open, or the router ends one after a protocol violation.
	 *
	 * @param details a {@code message} for humans
	 * @param reason the reason URI
	 */
	record Abort(Map<String, ?> details, String reason) implements Wamp2Message {
		@Override
		public int typeId() {
			return ABORT;
		}
	}

	/**
	 * {@code [CHALLENGE, AuthMethod|string, Extra|dict]}: the router asks the client to
	 * authenticate.
	 *
	 * @param authMethod the method
	 * @param extra what the method needs (the challenge string, salt parameters)
	 */
	record Challenge(String authMethod, Map<String, ?> extra) implements Wamp2Message {
		@Override
		public int typeId() {
			return CHALLENGE;
		}
	}

	/**
	 * {@code [AUTHENTICATE, Signature|string, Extra|dict]}: the client answers a
	 * challenge.
	 *
	 * @param signature the ticket or signature
	 * @param extra method-specific extras
	 */
	record Authenticate(String signature, JsonNode extra) implements Wamp2Message {
		@Override
		public int typeId() {
			return AUTHENTICATE;
		}
	}

	/**
	 * {@code [GOODBYE, Details|dict, Reason|uri]}: either side closes an open session;
	 * the other answers with a GOODBYE of its own.
	 *
	 * @param details a {@code message} for humans
	 * @param reason the reason URI
	 */
	record Goodbye(Map<String, ?> details, String reason) implements Wamp2Message {
		@Override
		public int typeId() {
			return GOODBYE;
		}
	}

	/**
	 * {@code [ERROR, REQUEST.Type|int, REQUEST.Request|id, Details|dict, Error|uri,
	 * Arguments|list, ArgumentsKw|dict]}: a request failed; from a client only as the
	 * answer to an INVOCATION.
	 *
	 * @param requestType the type id of the failed request
	 * @param request its request id
	 * @param details error details
	 * @param error the error URI
	 * @param arguments positional payload
	 * @param argumentsKw keyword payload
	 */
	record Error(int requestType, long request, Map<String, ?> details, String error, List<?> arguments,
			Map<String, ?> argumentsKw) implements Wamp2Message {
		@Override
		public int typeId() {
			return ERROR;
		}
	}

	/**
	 * {@code [PUBLISH, Request|id, Options|dict, Topic|uri, Arguments|list,
	 * ArgumentsKw|dict]}.
	 *
	 * @param request the request id
	 * @param options {@code acknowledge}, {@code exclude_me}, {@code exclude},
	 * {@code eligible} (and their {@code _authid} / {@code _authrole} forms),
	 * {@code disclose_me}
	 * @param topic the topic URI
	 * @param arguments positional payload
	 * @param argumentsKw keyword payload
	 */
	record Publish(long request, JsonNode options, String topic, List<JsonNode> arguments,
			Map<String, JsonNode> argumentsKw) implements Wamp2Message {
		@Override
		public int typeId() {
			return PUBLISH;
		}
	}

	/**
	 * {@code [PUBLISHED, PUBLISH.Request|id, Publication|id]}: the answer to an
	 * acknowledged PUBLISH.
	 *
	 * @param request the PUBLISH's request id
	 * @param publication the publication id
	 */
	record Published(long request, long publication) implements Wamp2Message {
		@Override
		public int typeId() {
			return PUBLISHED;
		}
	}

	/**
	 * {@code [SUBSCRIBE, Request|id, Options|dict, Topic|uri]}.
	 *
	 * @param request the request id
	 * @param options {@code match}: {@code exact} (default), {@code prefix} or
	 * {@code wildcard}
	 * @param topic the topic URI or pattern
	 */
	record Subscribe(long request, JsonNode options, String topic) implements Wamp2Message {
		@Override
		public int typeId() {
			return SUBSCRIBE;
		}
	}

	/**
	 * {@code [SUBSCRIBED, SUBSCRIBE.Request|id, Subscription|id]}.
	 *
	 * @param request the SUBSCRIBE's request id
	 * @param subscription the subscription id
	 */
	record Subscribed(long request, long subscription) implements Wamp2Message {
		@Override
		public int typeId() {
			return SUBSCRIBED;
		}
	}

	/**
	 * {@code [UNSUBSCRIBE, Request|id, SUBSCRIBED.Subscription|id]}.
	 *
	 * @param request the request id
	 * @param subscription the subscription to end
	 */
	record Unsubscribe(long request, long subscription) implements Wamp2Message {
		@Override
		public int typeId() {
			return UNSUBSCRIBE;
		}
	}

	/**
	 * {@code [UNSUBSCRIBED, UNSUBSCRIBE.Request|id]}.
	 *
	 * @param request the UNSUBSCRIBE's request id
	 */
	record Unsubscribed(long request) implements Wamp2Message {
		@Override
		public int typeId() {
			return UNSUBSCRIBED;
		}
	}

	/**
	 * {@code [EVENT, SUBSCRIBED.Subscription|id, PUBLISHED.Publication|id, Details|dict,
	 * PUBLISH.Arguments|list, PUBLISH.ArgumentsKw|dict]}.
	 *
	 * @param subscription the subscription it is delivered for
	 * @param publication the publication id
	 * @param details {@code publisher} when disclosed, {@code topic} for pattern
	 * subscriptions
	 * @param arguments positional payload
	 * @param argumentsKw keyword payload
	 */
	record Event(long subscription, long publication, Map<String, ?> details, List<?> arguments,
			Map<String, ?> argumentsKw) implements Wamp2Message {
		@Override
		public int typeId() {
			return EVENT;
		}
	}

	/**
	 * {@code [CALL, Request|id, Options|dict, Procedure|uri, Arguments|list,
	 * ArgumentsKw|dict]}.
	 *
	 * @param request the request id
	 * @param options {@code receive_progress}, {@code timeout}, {@code disclose_me}
	 * @param procedure the procedure URI
	 * @param arguments positional arguments
	 * @param argumentsKw keyword arguments
	 */
	record Call(long request, JsonNode options, String procedure, List<JsonNode> arguments,
			Map<String, JsonNode> argumentsKw) implements Wamp2Message {
		@Override
		public int typeId() {
			return CALL;
		}
	}

	/**
	 * {@code [CANCEL, CALL.Request|id, Options|dict]}.
	 *
	 * @param request the CALL's request id
	 * @param options {@code mode}: {@code skip}, {@code kill} or {@code killnowait}
	 */
	record Cancel(long request, JsonNode options) implements Wamp2Message {
		@Override
		public int typeId() {
			return CANCEL;
		}
	}

	/**
	 * {@code [RESULT, CALL.Request|id, Details|dict, YIELD.Arguments|list,
	 * YIELD.ArgumentsKw|dict]}.
	 *
	 * @param request the CALL's request id
	 * @param details {@code progress: true} for a progressive result
	 * @param arguments positional result
	 * @param argumentsKw keyword result
	 */
	record Result(long request, Map<String, ?> details, List<?> arguments,
			Map<String, ?> argumentsKw) implements Wamp2Message {
		@Override
		public int typeId() {
			return RESULT;
		}
	}

	/**
	 * {@code [REGISTER, Request|id, Options|dict, Procedure|uri]}.
	 *
	 * @param request the request id
	 * @param options registration options
	 * @param procedure the procedure URI
	 */
	record Register(long request, JsonNode options, String procedure) implements Wamp2Message {
		@Override
		public int typeId() {
			return REGISTER;
		}
	}

	/**
	 * {@code [REGISTERED, REGISTER.Request|id, Registration|id]}.
	 *
	 * @param request the REGISTER's request id
	 * @param registration the registration id
	 */
	record Registered(long request, long registration) implements Wamp2Message {
		@Override
		public int typeId() {
			return REGISTERED;
		}
	}

	/**
	 * {@code [UNREGISTER, Request|id, REGISTERED.Registration|id]}.
	 *
	 * @param request the request id
	 * @param registration the registration to end
	 */
	record Unregister(long request, long registration) implements Wamp2Message {
		@Override
		public int typeId() {
			return UNREGISTER;
		}
	}

	/**
	 * {@code [UNREGISTERED, UNREGISTER.Request|id]}.
	 *
	 * @param request the UNREGISTER's request id
	 */
	record Unregistered(long request) implements Wamp2Message {
		@Override
		public int typeId() {
			return UNREGISTERED;
		}
	}

	/**
	 * {@code [INVOCATION, Request|id, REGISTERED.Registration|id, Details|dict,
	 * CALL.Arguments|list, CALL.ArgumentsKw|dict]}: the router asks a callee to run a
	 * procedure.
	 *
	 * @param request the router's request id (session scope of the callee)
	 * @param registration the registration
	 * @param details {@code receive_progress}, {@code caller} when disclosed,
	 * {@code procedure}
	 * @param arguments positional arguments
	 * @param argumentsKw keyword arguments
	 */
	record Invocation(long request, long registration, Map<String, ?> details, List<?> arguments,
			Map<String, ?> argumentsKw) implements Wamp2Message {
		@Override
		public int typeId() {
			return INVOCATION;
		}
	}

	/**
	 * {@code [INTERRUPT, INVOCATION.Request|id, Options|dict]}: the router tells a callee
	 * that the caller cancelled.
	 *
	 * @param request the INVOCATION's request id
	 * @param options {@code mode}
	 */
	record Interrupt(long request, Map<String, ?> options) implements Wamp2Message {
		@Override
		public int typeId() {
			return INTERRUPT;
		}
	}

	/**
	 * {@code [YIELD, INVOCATION.Request|id, Options|dict, Arguments|list,
	 * ArgumentsKw|dict]}: a callee's result.
	 *
	 * @param request the INVOCATION's request id
	 * @param options {@code progress: true} for a progressive result
	 * @param arguments positional result
	 * @param argumentsKw keyword result
	 */
	record Yield(long request, JsonNode options, List<JsonNode> arguments,
			Map<String, JsonNode> argumentsKw) implements Wamp2Message {
		@Override
		public int typeId() {
			return YIELD;
		}
	}

}
