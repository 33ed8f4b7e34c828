package dev.websocket.server.wamp.routing;

import java.util.Optional;

/**
 * Routes URIs to handlers registered by {@link UriPattern}. Thread-safe for lookups once built;
 * registering the same pattern twice fails. When several patterns match, the most specific wins
 * (the rule is documented on {@link #route}).
 *
 * @param <H> the handler type
 */
public final class UriRouter<H> {

	/**
	 * Registers a handler.
	 * @param pattern the pattern text
	 * @param handler the handler
	 * @throws IllegalArgumentException when the pattern is invalid or already registered
	 */
	public void register(String pattern, H handler) {
		throw new UnsupportedOperationException("TODO");
	}

	/**
	 * Finds the handler for a URI.
	 * @param uri the full URI
	 * @return the route, or empty when no pattern matches
	 */
	public Optional<Route<H>> route(String uri) {
		throw new UnsupportedOperationException("TODO");
	}
}
