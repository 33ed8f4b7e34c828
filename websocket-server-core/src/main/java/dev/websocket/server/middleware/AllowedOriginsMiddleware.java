package dev.websocket.server.middleware;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.websocket.server.connection.Attributes;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.middleware.HandshakeRejectedException.Reason;
import dev.websocket.server.wamp.WampConnection;
import org.jspecify.annotations.Nullable;

/**
 * Restricts which web pages may open a WebSocket, by the handshake's {@code Origin}
 * header; refused handshakes get HTTP 403 ({@link Reason#ORIGIN}). A request is allowed
 * when:
 * <ul>
 * <li>it has no {@code Origin} header (a non-browser client; browsers always send
 * one);</li>
 * <li>its origin is the server itself: the origin's scheme, host and port equal those of
 * the request URI as the transport resolved it ({@code ws} counts as {@code http},
 * {@code wss} as {@code https}; missing ports are the scheme's default). Behind a reverse
 * proxy that URI is the public one only when the transport applies the forwarded headers
 * (in Spring Boot, {@code server.forward-headers-strategy}); the headers themselves are
 * never read here, so a client cannot forge its way in. A request URI without a host
 * falls back to the {@code Host} header;</li>
 * <li>its origin is listed: {@code *} admits any origin; {@code scheme://host[:port]}
 * admits exactly that origin, case-insensitively, with a missing port meaning the
 * scheme's default; {@code https://*.example.com} admits every subdomain of
 * {@code example.com} over https on the default port, but not {@code example.com}
 * itself.</li>
 * </ul>
 */
public final class AllowedOriginsMiddleware implements Middleware {

	private final boolean anyOrigin;

	private final List<OriginMatcher> allowed;

	/**
	 * @param allowedOrigins the listed origins
	 * @throws IllegalArgumentException naming an entry that is neither {@code *} nor an
	 * origin
	 */
	public AllowedOriginsMiddleware(Collection<String> allowedOrigins) {
		boolean any = false;
		List<OriginMatcher> rules = new ArrayList<>(allowedOrigins.size());
		for (String entry : allowedOrigins) {
			String origin = entry.trim();
			if (origin.equals("*")) {
				any = true;
				continue;
			}
			OriginMatcher rule = OriginMatcher.parse(origin);
			if (rule == null || !isValidRuleHost(rule.host())) {
				throw new IllegalArgumentException("Invalid allowed origin '" + entry
						+ "': expected '*', 'scheme://host[:port]' or 'scheme://*.domain[:port]'");
			}
			rules.add(rule);
		}
		this.anyOrigin = any;
		this.allowed = List.copyOf(rules);
	}

	@Override
	public int order() {
		return ALLOWED_ORIGINS_ORDER;
	}

	@Override
	public void onOpen(WampConnection connection, Chain chain) {
		Object request = connection.attributes().get(Attributes.HTTP_REQUEST);
		if (request instanceof HttpRequest httpRequest) {
			String origin = httpRequest.header("Origin");
			if (!isAllowed(origin, OriginMatcher.ofRequest(httpRequest.uri(), httpRequest.header("Host")))) {
				throw new HandshakeRejectedException(403, Reason.ORIGIN, "Origin not allowed: " + excerpt(origin));
			}
		}
		chain.onOpen(connection);
	}

	/**
	 * Whether a request passes.
	 * @param origin the {@code Origin} header, {@code null} when absent
	 * @param server the server's own origin as the request addressed it, {@code null}
	 * when unknown
	 * @return {@code true} to let the handshake proceed
	 */
	boolean isAllowed(@Nullable String origin, @Nullable OriginMatcher server) {
		if (origin == null || anyOrigin) {
			return true;
		}
		OriginMatcher parsed = OriginMatcher.parse(origin.trim());
		if (parsed == null || parsed.host().indexOf('*') != -1) {
			return false;
		}
		if (parsed.equals(server)) {
			return true;
		}
		for (OriginMatcher rule : allowed) {
			if (parsed.isAdmittedBy(rule)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * No {@code *} at all, or a leading {@code *.} followed by a domain without
	 * {@code *}.
	 */
	private static boolean isValidRuleHost(String host) {
		if (host.startsWith("*.")) {
			return host.length() > 2 && host.indexOf('*', 1) == -1 && host.charAt(2) != '.';
		}
		return host.indexOf('*') == -1;
	}

	private static String excerpt(@Nullable String value) {
		if (value == null) {
			return "";
		}
		return (value.length() > 100) ? value.substring(0, 100) + "..." : value;
	}

}
