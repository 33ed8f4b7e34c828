package dev.websocket.server.wamp.routing;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A URI pattern such as {@code chat/{room}}, {@code chat/{room:[a-z0-9-]+}} or
 * {@code http://example.com/calc#{op}}. Literal text matches itself; {@code {name}} matches one
 * or more characters other than {@code /}, {@code #} and {@code ?}; {@code {name:regex}} matches
 * the regex. No leading {@code /} is required (nor stripped).
 */
public final class UriPattern {

	private UriPattern() {
		throw new UnsupportedOperationException("TODO");
	}

	/**
	 * Parses a pattern.
	 * @param pattern the pattern text
	 * @return the pattern
	 * @throws IllegalArgumentException naming the problem (empty, unbalanced braces, duplicate
	 * variable, invalid regex)
	 */
	public static UriPattern parse(String pattern) {
		throw new UnsupportedOperationException("TODO");
	}

	/**
	 * Matches a full URI.
	 * @param uri the URI
	 * @return the variables by name, or {@code null} when it does not match
	 */
	public @Nullable Map<String, String> match(String uri) {
		throw new UnsupportedOperationException("TODO");
	}
}
