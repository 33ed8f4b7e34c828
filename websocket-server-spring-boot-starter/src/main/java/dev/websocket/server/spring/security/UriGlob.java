package dev.websocket.server.spring.security;

import java.util.regex.Pattern;

/**
 * A URI glob: {@code *} matches any characters except {@code /}, {@code **} matches any
 * characters, everything else matches itself ({@code admin/**}, {@code chat/*},
 * {@code http://example.com/api#*}).
 */
final class UriGlob {

	private final String glob;

	private final Pattern regex;

	private UriGlob(String glob, Pattern regex) {
		this.glob = glob;
		this.regex = regex;
	}

	static UriGlob of(String glob) {
		if (glob.isEmpty()) {
			throw new IllegalArgumentException("A URI glob must not be empty");
		}
		StringBuilder regex = new StringBuilder();
		int literalStart = 0;
		for (int i = 0; i < glob.length(); i++) {
			if (glob.charAt(i) != '*') {
				continue;
			}
			if (i > literalStart) {
				regex.append(Pattern.quote(glob.substring(literalStart, i)));
			}
			if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
				regex.append(".*");
				i++;
			}
			else {
				regex.append("[^/]*");
			}
			literalStart = i + 1;
		}
		if (literalStart < glob.length()) {
			regex.append(Pattern.quote(glob.substring(literalStart)));
		}
		return new UriGlob(glob, Pattern.compile(regex.toString(), Pattern.DOTALL));
	}

	boolean matches(String uri) {
		return this.regex.matcher(uri).matches();
	}

	@Override
	public String toString() {
		return this.glob;
	}

}
