package dev.websocket.server.engine;

import dev.websocket.server.wamp.WampErrors;

/**
 * The error URIs a WAMP v2 client sees for the engine's own decisions: each v1 error
 * (under the configured base) maps to a {@code wamp.error.*} URI; an application's
 * {@link dev.websocket.server.wamp.WampException} URI passes unchanged.
 */
final class Wamp2Errors {

	static final String NO_SUCH_PROCEDURE = "wamp.error.no_such_procedure";

	static final String NOT_AUTHORIZED = "wamp.error.not_authorized";

	static final String INVALID_ARGUMENT = "wamp.error.invalid_argument";

	static final String INVALID_URI = "wamp.error.invalid_uri";

	static final String RUNTIME_ERROR = "wamp.error.runtime_error";

	static final String TIMEOUT = "wamp.error.timeout";

	static final String CANCELED = "wamp.error.canceled";

	static final String TOO_MANY_CALLS = "wamp.error.too_many_calls";

	static final String NO_SUCH_TOPIC = "wamp.error.no_such_topic";

	static final String NO_SUCH_SUBSCRIPTION = "wamp.error.no_such_subscription";

	static final String NO_SUCH_REGISTRATION = "wamp.error.no_such_registration";

	static final String PROCEDURE_ALREADY_EXISTS = "wamp.error.procedure_already_exists";

	static final String LIMIT_REACHED = "wamp.error.limit_reached";

	static final String NO_SUCH_REALM = "wamp.error.no_such_realm";

	/** No authentication method the client offered is accepted (Advanced Profile). */
	static final String NO_MATCHING_AUTH_METHOD = "wamp.error.no_matching_auth_method";

	static final String PROTOCOL_VIOLATION = "wamp.error.protocol_violation";

	static final String NO_SUCH_SESSION = "wamp.error.no_such_session";

	static final String CLOSE_NORMAL = "wamp.close.normal";

	static final String GOODBYE_AND_OUT = "wamp.close.goodbye_and_out";

	static final String SYSTEM_SHUTDOWN = "wamp.close.system_shutdown";

	private Wamp2Errors() {
	}

	/**
	 * The v2 URI for an error URI the engine or an application chose.
	 * @param errorUri the URI
	 * @param errors the v1 error URIs in force
	 * @return the {@code wamp.error.*} URI for an engine error, else {@code errorUri}
	 */
	static String toV2(String errorUri, WampErrors errors) {
		if (errorUri.equals(errors.noSuchProcedure())) {
			return NO_SUCH_PROCEDURE;
		}
		if (errorUri.equals(errors.notAuthorized())) {
			return NOT_AUTHORIZED;
		}
		if (errorUri.equals(errors.invalidArgument())) {
			return INVALID_ARGUMENT;
		}
		if (errorUri.equals(errors.internalError())) {
			return RUNTIME_ERROR;
		}
		if (errorUri.equals(errors.timeout())) {
			return TIMEOUT;
		}
		if (errorUri.equals(errors.tooManyCalls())) {
			return TOO_MANY_CALLS;
		}
		return errorUri;
	}

}
