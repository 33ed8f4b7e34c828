package dev.websocket.server.spring.annotation;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What discovery needs to know of a URI pattern before the engine sees it: its variable
 * names (to check {@code @UriVariable} names) and a key under which equivalent patterns
 * collide ({@code chat/{room}} and {@code chat/{id}} match the same URIs).
 *
 * @param variables the variable names, in order
 * @param key the pattern with every variable name removed
 */
record PatternVariables(Set<String> variables, String key) {

	/**
	 * Scans a pattern: {@code {name}} and {@code {name:regex}} (the regex may hold
	 * balanced braces).
	 * @param pattern the pattern text
	 * @return its variables and key
	 * @throws IllegalArgumentException when the pattern is empty or its braces do not
	 * balance
	 */
	static PatternVariables scan(String pattern) {
		if (pattern.isBlank()) {
			throw new IllegalArgumentException("the pattern is empty");
		}
		Set<String> names = new LinkedHashSet<>();
		StringBuilder key = new StringBuilder(pattern.length());
		int i = 0;
		while (i < pattern.length()) {
			char c = pattern.charAt(i);
			if (c == '}') {
				throw new IllegalArgumentException("unbalanced '}' at index " + i);
			}
			if (c != '{') {
				key.append(c);
				i++;
				continue;
			}
			int start = i + 1;
			int nameEnd = start;
			while (nameEnd < pattern.length() && pattern.charAt(nameEnd) != ':' && pattern.charAt(nameEnd) != '}') {
				nameEnd++;
			}
			if (nameEnd == pattern.length()) {
				throw new IllegalArgumentException("unclosed '{' at index " + i);
			}
			String name = pattern.substring(start, nameEnd).trim();
			if (name.isEmpty()) {
				throw new IllegalArgumentException("a variable without a name at index " + i);
			}
			if (!names.add(name)) {
				throw new IllegalArgumentException("duplicate variable '" + name + "'");
			}
			int end = nameEnd;
			int depth = 1;
			if (pattern.charAt(nameEnd) == ':') {
				end = nameEnd + 1;
				while (end < pattern.length()) {
					char r = pattern.charAt(end);
					if (r == '\\') {
						end += 2;
						continue;
					}
					if (r == '{') {
						depth++;
					}
					else if (r == '}' && --depth == 0) {
						break;
					}
					end++;
				}
				if (end >= pattern.length()) {
					throw new IllegalArgumentException("unclosed '{' at index " + i);
				}
				key.append('{').append(pattern, nameEnd, end).append('}');
			}
			else {
				key.append("{}");
			}
			i = end + 1;
		}
		return new PatternVariables(java.util.Collections.unmodifiableSet(names), key.toString());
	}
}
