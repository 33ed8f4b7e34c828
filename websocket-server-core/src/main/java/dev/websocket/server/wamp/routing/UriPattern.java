package dev.websocket.server.wamp.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

/**
 * A URI pattern such as {@code chat/{room}}, {@code chat/{room:[a-z0-9-]+}} or
 * {@code http://example.com/calc#{op}}. Literal text matches itself; {@code {name}}
 * matches one or more characters other than {@code /}, {@code #} and {@code ?};
 * {@code {name:regex}} matches the regex (which may itself contain balanced braces, as in
 * {@code {id:[0-9]{1,4}}}). No leading {@code /} is required (nor stripped). Variable
 * names start with a letter or {@code _} and continue with letters, digits or {@code _}.
 * A pattern matches a whole URI, never a part of it. Immutable and thread-safe.
 */
public final class UriPattern {

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private static final String DEFAULT_VARIABLE_REGEX = "[^/#?]+";

	private final String text;

	private final List<String> variableNames;

	private final int literalLength;

	/**
	 * Text with every variable name removed, so that equivalent patterns compare equal.
	 */
	private final String canonical;

	/** {@code null} for a pattern without variables. */
	private final @Nullable Pattern regex;

	/** The regex group of each variable, in the order of {@link #variableNames}. */
	private final int[] groups;

	private UriPattern(String text, List<String> variableNames, int literalLength, String canonical,
			@Nullable Pattern regex, int[] groups) {
		this.text = text;
		this.variableNames = variableNames;
		this.literalLength = literalLength;
		this.canonical = canonical;
		this.regex = regex;
		this.groups = groups;
	}

	/**
	 * Parses a pattern.
	 * @param pattern the pattern text
	 * @return the pattern
	 * @throws IllegalArgumentException naming the problem (empty, unbalanced braces,
	 * duplicate variable, invalid regex)
	 */
	public static UriPattern parse(String pattern) {
		if (pattern.isEmpty()) {
			throw new IllegalArgumentException("URI pattern is empty");
		}
		List<String> names = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		StringBuilder regex = new StringBuilder(pattern.length() + 16);
		StringBuilder canonical = new StringBuilder(pattern.length());
		StringBuilder literal = new StringBuilder();
		List<Integer> groups = new ArrayList<>();
		int nextGroup = 1;
		int literalLength = 0;
		int i = 0;
		while (i < pattern.length()) {
			char c = pattern.charAt(i);
			if (c == '}') {
				throw invalid(pattern, "unbalanced braces: '}' at index " + i + " closes nothing");
			}
			if (c != '{') {
				literal.append(c);
				i++;
				continue;
			}
			int end = closingBrace(pattern, i);
			String body = pattern.substring(i + 1, end);
			int colon = body.indexOf(':');
			String name = (colon != -1) ? body.substring(0, colon) : body;
			String variableRegex = (colon != -1) ? body.substring(colon + 1) : DEFAULT_VARIABLE_REGEX;
			if (!NAME.matcher(name).matches()) {
				throw invalid(pattern, "invalid variable name '" + name + "'");
			}
			if (!seen.add(name)) {
				throw invalid(pattern, "duplicate variable '" + name + "'");
			}
			if (variableRegex.isEmpty()) {
				throw invalid(pattern, "empty regex for variable '" + name + "'");
			}
			int innerGroups;
			try {
				innerGroups = Pattern.compile(variableRegex).matcher("").groupCount();
			}
			catch (PatternSyntaxException ex) {
				throw invalid(pattern, "invalid regex for variable '" + name + "': " + ex.getDescription());
			}
			literalLength += literal.length();
			appendLiteral(regex, canonical, literal);
			names.add(name);
			groups.add(nextGroup);
			nextGroup += 1 + innerGroups;
			regex.append('(').append(variableRegex).append(')');
			canonical.append("{:").append(variableRegex).append('}');
			i = end + 1;
		}
		literalLength += literal.length();
		appendLiteral(regex, canonical, literal);
		if (names.isEmpty()) {
			return new UriPattern(pattern, List.of(), literalLength, pattern, null, new int[0]);
		}
		Pattern compiled;
		try {
			compiled = Pattern.compile(regex.toString());
		}
		catch (PatternSyntaxException ex) {
			throw invalid(pattern, "invalid regex: " + ex.getDescription());
		}
		return new UriPattern(pattern, Collections.unmodifiableList(names), literalLength, canonical.toString(),
				compiled, groups.stream().mapToInt(Integer::intValue).toArray());
	}

	private static int closingBrace(String pattern, int open) {
		int depth = 0;
		for (int i = open; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '{') {
				depth++;
			}
			else if (c == '}' && --depth == 0) {
				return i;
			}
		}
		throw invalid(pattern, "unbalanced braces: '{' at index " + open + " is not closed");
	}

	private static void appendLiteral(StringBuilder regex, StringBuilder canonical, StringBuilder literal) {
		if (literal.length() > 0) {
			regex.append(Pattern.quote(literal.toString()));
			canonical.append(literal);
			literal.setLength(0);
		}
	}

	private static IllegalArgumentException invalid(String pattern, String problem) {
		return new IllegalArgumentException("Invalid URI pattern '" + pattern + "': " + problem);
	}

	/** The pattern text, as given to {@link #parse}. */
	public String pattern() {
		return text;
	}

	/** The variable names, in order of appearance. */
	public List<String> variableNames() {
		return variableNames;
	}

	/** Whether the pattern has no variables and so matches exactly one URI, itself. */
	public boolean isLiteral() {
		return regex == null;
	}

	/** The number of literal (non-variable) characters. */
	int literalLength() {
		return literalLength;
	}

	/**
	 * The text with variable names removed: equal for patterns that match the same URIs
	 * the same way ({@code chat/{room}} and {@code chat/{id}}), which is how a router
	 * tells a duplicate.
	 * @return the canonical form
	 */
	public String canonical() {
		return canonical;
	}

	/**
	 * Matches a full URI.
	 * @param uri the URI
	 * @return the variables by name, or {@code null} when it does not match
	 */
	public @Nullable Map<String, String> match(String uri) {
		if (regex == null) {
			return text.equals(uri) ? Map.of() : null;
		}
		Matcher matcher = regex.matcher(uri);
		if (!matcher.matches()) {
			return null;
		}
		Map<String, String> variables = new LinkedHashMap<>(variableNames.size() * 2);
		for (int i = 0; i < groups.length; i++) {
			variables.put(variableNames.get(i), matcher.group(groups[i]));
		}
		return variables;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof UriPattern that) && text.equals(that.text);
	}

	@Override
	public int hashCode() {
		return text.hashCode();
	}

	@Override
	public String toString() {
		return text;
	}

}
