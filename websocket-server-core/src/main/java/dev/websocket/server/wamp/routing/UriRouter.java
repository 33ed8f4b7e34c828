package dev.websocket.server.wamp.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes URIs to handlers registered by {@link UriPattern}. Thread-safe: registration
 * publishes an immutable snapshot, so lookups never lock. Registering the same pattern
 * twice fails, and so does registering a pattern that differs from an earlier one only in
 * its variable names (such as {@code chat/{room}} after {@code chat/{name}}). When
 * several patterns match, the most specific wins (the rule is documented on
 * {@link #route}).
 *
 * <p>
 * Patterns without variables are looked up in a hash map; patterns with variables are
 * tried in order of specificity, each with its precompiled regex.
 *
 * @param <H> the handler type
 */
public final class UriRouter<H> {

	private static final Comparator<Entry<?>> SPECIFICITY = Comparator
		.<Entry<?>>comparingInt((entry) -> entry.pattern.literalLength())
		.reversed()
		.thenComparingInt((entry) -> entry.pattern.variableNames().size())
		.thenComparingInt((entry) -> entry.sequence);

	private final Object lock = new Object();

	private volatile Snapshot<H> snapshot = new Snapshot<>(Map.of(), List.of(), Map.of());

	/**
	 * Registers a handler.
	 * @param pattern the pattern text
	 * @param handler the handler
	 * @throws IllegalArgumentException when the pattern is invalid or already registered
	 */
	public void register(String pattern, H handler) {
		register(UriPattern.parse(pattern), handler);
	}

	/**
	 * Registers a handler for a pattern parsed already.
	 * @param parsed the pattern
	 * @param handler the handler
	 * @throws IllegalArgumentException when the pattern is already registered
	 */
	public void register(UriPattern parsed, H handler) {
		String pattern = parsed.pattern();
		synchronized (lock) {
			Snapshot<H> current = snapshot;
			String existing = current.canonicals.get(parsed.canonical());
			if (existing != null) {
				throw new IllegalArgumentException(existing.equals(pattern) ? "Duplicate URI pattern '" + pattern + "'"
						: "Duplicate URI pattern '" + pattern + "': same as '" + existing + "'");
			}
			Map<String, String> canonicals = new HashMap<>(current.canonicals);
			canonicals.put(parsed.canonical(), pattern);
			Map<String, Route<H>> literals = current.literals;
			List<Entry<H>> patterns = current.patterns;
			if (parsed.isLiteral()) {
				literals = new HashMap<>(literals);
				literals.put(pattern, new Route<>(pattern, handler, Map.of()));
			}
			else {
				patterns = new ArrayList<>(patterns);
				patterns.add(new Entry<>(parsed, handler, canonicals.size()));
				patterns.sort(SPECIFICITY);
			}
			snapshot = new Snapshot<>(literals, patterns, canonicals);
		}
	}

	/**
	 * Finds the handler for a URI. When several patterns match, the most specific wins:
	 * <ol>
	 * <li>a pattern without variables equal to the URI beats every pattern with
	 * variables;</li>
	 * <li>then the pattern with more literal (non-variable) characters wins, so
	 * {@code chat/admin/{id}} beats {@code chat/{room}/{id}};</li>
	 * <li>then the pattern with fewer variables wins;</li>
	 * <li>then the pattern registered first wins.</li>
	 * </ol>
	 * @param uri the full URI
	 * @return the route, or empty when no pattern matches
	 */
	public Optional<Route<H>> route(String uri) {
		Snapshot<H> current = snapshot;
		Route<H> literal = current.literals.get(uri);
		if (literal != null) {
			return Optional.of(literal);
		}
		for (Entry<H> entry : current.patterns) {
			Map<String, String> variables = entry.pattern.match(uri);
			if (variables != null) {
				return Optional.of(new Route<>(entry.pattern.pattern(), entry.handler, variables));
			}
		}
		return Optional.empty();
	}

	/** The registered pattern texts, sorted. */
	public List<String> patterns() {
		return snapshot.canonicals.values().stream().sorted().toList();
	}

	/** The number of registered patterns. */
	public int size() {
		return snapshot.canonicals.size();
	}

	private record Entry<H>(UriPattern pattern, H handler, int sequence) {
	}

	private record Snapshot<H>(Map<String, Route<H>> literals, List<Entry<H>> patterns,
			Map<String, String> canonicals) {
	}

}
