package dev.websocket.server.spring.webflux;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.websocket.server.connection.HttpRequest;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.StringUtils;

/**
 * Builds the transport-neutral {@link HttpRequest} from a WebFlux upgrade request: its
 * headers and cookies are views of the request's own, not copies (a connection keeps its
 * handshake for its whole life; the socket keeps the request's headers anyway).
 */
final class HandshakeRequests {

	static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";

	private HandshakeRequests() {
	}

	static HttpRequest from(ServerHttpRequest request, @Nullable Principal principal) {
		HttpHeaders headers = request.getHeaders();
		List<String> offered = headers.get(SEC_WEBSOCKET_PROTOCOL);
		return new HttpRequest(request.getURI(), new HeadersView(headers, offered), new CookiesView(headers),
				remoteAddress(request.getRemoteAddress()), subprotocols(offered), principal);
	}

	static String remoteAddress(@Nullable InetSocketAddress address) {
		if (address == null) {
			return "";
		}
		InetAddress inet = address.getAddress();
		return (inet != null) ? inet.getHostAddress() : address.getHostString();
	}

	static List<String> subprotocols(@Nullable List<String> headerValues) {
		if (headerValues == null || headerValues.isEmpty()) {
			return List.of();
		}
		List<String> protocols = new ArrayList<>();
		for (String value : headerValues) {
			for (String token : StringUtils.tokenizeToStringArray(value, ",")) {
				protocols.add(token);
			}
		}
		return protocols;
	}

	/**
	 * The request's headers as the engine sees them (names in lower case, values
	 * read-only), read from the request's own headers (on Reactor Netty, a view of
	 * Netty's) instead of a copy kept for the socket's life. The upgrade later narrows
	 * Netty's {@code Sec-WebSocket-Protocol} to the one selected; this view keeps showing
	 * what the client offered.
	 */
	static final class HeadersView extends HttpRequest.View<List<String>> {

		private final HttpHeaders headers;

		private final @Nullable List<String> offeredProtocols;

		HeadersView(HttpHeaders headers, @Nullable List<String> offeredProtocols) {
			this.headers = headers;
			this.offeredProtocols = (offeredProtocols != null && !offeredProtocols.isEmpty())
					? List.copyOf(offeredProtocols) : null;
		}

		@Override
		public @Nullable List<String> get(@Nullable Object name) {
			if (!(name instanceof String header)) {
				return null;
			}
			if (SEC_WEBSOCKET_PROTOCOL.equalsIgnoreCase(header)) {
				return this.offeredProtocols;
			}
			List<String> values = this.headers.get(header);
			return (values == null || values.isEmpty()) ? null : Collections.unmodifiableList(values);
		}

		@Override
		public boolean containsKey(@Nullable Object name) {
			return get(name) != null;
		}

		@Override
		public Set<Map.Entry<String, List<String>>> entrySet() {
			return snapshot().entrySet();
		}

		@Override
		public int size() {
			return snapshot().size();
		}

		/** Every header, names in lower case, values of one name in any case merged. */
		private Map<String, List<String>> snapshot() {
			Map<String, List<String>> merged = new LinkedHashMap<>();
			this.headers.forEach(
					(name, values) -> merged.computeIfAbsent(name.toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
						.addAll(values));
			String protocolKey = SEC_WEBSOCKET_PROTOCOL.toLowerCase(Locale.ROOT);
			List<String> offered = this.offeredProtocols;
			if (offered != null) {
				merged.put(protocolKey, offered);
			}
			else {
				merged.remove(protocolKey);
			}
			merged.replaceAll((name, values) -> List.copyOf(values));
			return Collections.unmodifiableMap(merged);
		}

	}

	/**
	 * The request's cookies as the engine sees them (the first value of each name),
	 * decoded from the request's {@code Cookie} headers on first read, as Reactor Netty
	 * decodes them for WebFlux (RFC 6265, strict): a connection whose application never
	 * reads its cookies keeps no parsed copy of them.
	 */
	static final class CookiesView extends HttpRequest.View<String> {

		private final HttpHeaders headers;

		private volatile @Nullable Map<String, String> decoded;

		CookiesView(HttpHeaders headers) {
			this.headers = headers;
		}

		@Override
		public @Nullable String get(@Nullable Object name) {
			return (name instanceof String) ? decoded().get(name) : null;
		}

		@Override
		public boolean containsKey(@Nullable Object name) {
			return get(name) != null;
		}

		@Override
		public Set<Map.Entry<String, String>> entrySet() {
			return decoded().entrySet();
		}

		@Override
		public int size() {
			return decoded().size();
		}

		private Map<String, String> decoded() {
			Map<String, String> values = this.decoded;
			if (values == null) {
				Map<String, String> first = new LinkedHashMap<>();
				for (String header : this.headers.getOrEmpty(HttpHeaders.COOKIE)) {
					for (Cookie cookie : ServerCookieDecoder.STRICT.decodeAll(header)) {
						first.putIfAbsent(cookie.name(), cookie.value());
					}
				}
				values = Collections.unmodifiableMap(first);
				this.decoded = values;
			}
			return values;
		}

	}

}
