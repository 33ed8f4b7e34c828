package dev.websocket.server.wamp.routing;

import java.util.Map;

/**
 * The handler a URI was routed to, with the pattern's variables.
 *
 * @param pattern the pattern text that matched
 * @param handler the handler registered for it
 * @param variables the variables, by name
 * @param <H> the handler type
 */
public record Route<H>(String pattern, H handler, Map<String, String> variables) {

	public Route {
		variables = Map.copyOf(variables);
	}
}
