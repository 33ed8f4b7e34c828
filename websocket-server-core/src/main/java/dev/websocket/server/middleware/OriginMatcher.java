package dev.websocket.server.middleware;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A parsed web origin {@code scheme://host[:port]} with its effective port, and the rules
 * of {@link AllowedOriginsMiddleware} that compare them.
 *
 * @param scheme the scheme, lower case
 * @param host the host, lower case; IPv6 hosts keep their brackets
 * @param port the port, or the scheme's default ({@code -1} when the scheme has none)
 */
record OriginMatcher(String scheme, String host, int port) {

	/**
	 * Parses {@code scheme://host[:port]}, tolerating one trailing {@code /}.
	 * @return the origin, or {@code null} when the text is not of that form
	 */
	static @Nullable OriginMatcher parse(String text) {
		int separator = text.indexOf("://");
		if (separator <= 0) {
			return null;
		}
		String scheme = text.substring(0, separator).toLowerCase(Locale.ROOT);
		if (!isScheme(scheme)) {
			return null;
		}
		String authority = text.substring(separator + 3);
		if (authority.endsWith("/")) {
			authority = authority.substring(0, authority.length() - 1);
		}
		HostAndPort hostAndPort = HostAndPort.parse(authority);
		if (hostAndPort == null) {
			return null;
		}
		int port = (hostAndPort.port() != -1) ? hostAndPort.port() : defaultPort(scheme);
		return new OriginMatcher(scheme, hostAndPort.host(), port);
	}

	/**
	 * The origin a request addressed: the request URI's scheme ({@code ws} as
	 * {@code http}, {@code wss} as {@code https}; {@code http} when it has none), and its
	 * host and port, or the {@code Host} header's when the URI has no host.
	 * @param uri the request URI
	 * @param hostHeader the {@code Host} header, {@code null} when absent
	 * @return the origin, or {@code null} when no host is known
	 */
	static @Nullable OriginMatcher ofRequest(URI uri, @Nullable String hostHeader) {
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "http";
		scheme = switch (scheme) {
			case "ws" -> "http";
			case "wss" -> "https";
			default -> scheme;
		};
		String authority = uri.getRawAuthority();
		if (authority != null && authority.indexOf('@') != -1) {
			authority = authority.substring(authority.lastIndexOf('@') + 1);
		}
		if (authority == null || authority.isEmpty()) {
			authority = hostHeader;
		}
		if (authority == null) {
			return null;
		}
		HostAndPort hostAndPort = HostAndPort.parse(authority.trim());
		if (hostAndPort == null) {
			return null;
		}
		int port = (hostAndPort.port() != -1) ? hostAndPort.port() : defaultPort(scheme);
		return new OriginMatcher(scheme, hostAndPort.host(), port);
	}

	/**
	 * Whether an allowed-origin rule, itself parsed with {@link #parse}, admits this
	 * origin. A rule host starting with {@code *.} matches every subdomain of the rest
	 * (not the rest itself).
	 */
	boolean isAdmittedBy(OriginMatcher rule) {
		if (!scheme.equals(rule.scheme) || port != rule.port) {
			return false;
		}
		if (rule.host.startsWith("*.")) {
			String suffix = rule.host.substring(1);
			return host.length() > suffix.length() && host.endsWith(suffix);
		}
		return host.equals(rule.host);
	}

	private static boolean isScheme(String scheme) {
		if (scheme.isEmpty() || scheme.charAt(0) < 'a' || scheme.charAt(0) > 'z') {
			return false;
		}
		for (int i = 1; i < scheme.length(); i++) {
			char c = scheme.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
				return false;
			}
		}
		return true;
	}

	private static int defaultPort(String scheme) {
		return switch (scheme) {
			case "http", "ws" -> 80;
			case "https", "wss" -> 443;
			default -> -1;
		};
	}

	/** A host (lower case) with an explicit port or {@code -1}. */
	private record HostAndPort(String host, int port) {

		static @Nullable HostAndPort parse(String authority) {
			if (authority.isEmpty()) {
				return null;
			}
			String host;
			String portText = null;
			if (authority.charAt(0) == '[') {
				int close = authority.indexOf(']');
				if (close == -1) {
					return null;
				}
				host = authority.substring(0, close + 1);
				String rest = authority.substring(close + 1);
				if (!rest.isEmpty()) {
					if (rest.charAt(0) != ':') {
						return null;
					}
					portText = rest.substring(1);
				}
			}
			else {
				int colon = authority.lastIndexOf(':');
				host = (colon != -1) ? authority.substring(0, colon) : authority;
				portText = (colon != -1) ? authority.substring(colon + 1) : null;
			}
			if (host.isEmpty() || host.equals("[]")) {
				return null;
			}
			for (int i = 0; i < host.length(); i++) {
				char c = host.charAt(i);
				if (c == '/' || c == '?' || c == '#' || c == '@' || c == ' ' || (c == ':' && host.charAt(0) != '[')) {
					return null;
				}
			}
			int port = -1;
			if (portText != null) {
				if (portText.isEmpty() || portText.length() > 5
						|| !portText.chars().allMatch((c) -> c >= '0' && c <= '9')) {
					return null;
				}
				port = Integer.parseInt(portText);
				if (port < 1 || port > 65535) {
					return null;
				}
			}
			return new HostAndPort(host.toLowerCase(Locale.ROOT), port);
		}
	}
}
