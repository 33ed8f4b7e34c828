package dev.websocket.server.wamp.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.WampErrors;
import tools.jackson.databind.JsonNode;

/**
 * One CALL as a handler sees it.
 *
 * @param connection the caller
 * @param callId the client's id for the call
 * @param procUri the procedure's full URI (CURIE expanded)
 * @param pattern the URI pattern that matched
 * @param variables the pattern's variables, by name
 * @param arguments the positional arguments exactly as sent; see
 * {@link #spreadArguments()} for the list form of the PHP servers
 * @param argumentsKw the keyword arguments of a WAMP v2 CALL ({@code ArgumentsKw}); empty
 * for WAMP v1
 * @param errors the error URIs the server answers with (for a handler that refuses its
 * arguments with {@link WampErrors#invalidArgument()}, say)
 */
public record RpcInvocation(WampConnection connection, String callId, String procUri, String pattern,
		Map<String, String> variables, List<JsonNode> arguments, Map<String, JsonNode> argumentsKw, WampErrors errors) {

	public RpcInvocation {
		variables = Map.copyOf(variables);
		arguments = List.copyOf(arguments);
		argumentsKw = Map.copyOf(argumentsKw);
	}

	/**
	 * A CALL with positional arguments only, answered with the default error URIs.
	 * @param connection the caller
	 * @param callId the client's id for the call
	 * @param procUri the procedure's full URI
	 * @param pattern the URI pattern that matched
	 * @param variables the pattern's variables
	 * @param arguments the positional arguments
	 */
	public RpcInvocation(WampConnection connection, String callId, String procUri, String pattern,
			Map<String, String> variables, List<JsonNode> arguments) {
		this(connection, callId, procUri, pattern, variables, arguments, Map.of(), WampErrors.DEFAULT);
	}

	/**
	 * The arguments, accepting the list form of BabDev and Ratchet: when exactly one
	 * argument was sent and it is a JSON array, its elements; otherwise
	 * {@link #arguments()}. {@code [2, id, "sum", 1, 2, 3]} and
	 * {@code [2, id, "sum", [1, 2, 3]]} both spread to {@code 1, 2, 3}.
	 * @return the spread arguments
	 */
	public List<JsonNode> spreadArguments() {
		if (arguments.size() == 1 && arguments.get(0).isArray()) {
			List<JsonNode> spread = new ArrayList<>(arguments.get(0).size());
			arguments.get(0).forEach(spread::add);
			return spread;
		}
		return arguments;
	}
}
