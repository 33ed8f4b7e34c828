package dev.websocket.server.spring.webflux;

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
import dev.websocket.server.middleware.SubprotocolMiddleware;
import dev.websocket.server.wamp2.codec.Wamp2Codec;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.StringUtils;

/**
 * Builds the transport-neutral {@link HttpRequest} from a WebFlux upgrade request: its
 * headers and cookies are views of the request's own, not copies (a connection keeps its
 * handshake for its whole life; the socket keeps the request's headers anyway): on
 * Reactor Netty views of Netty's headers themselves, unless a filter changed what the
 * request shows.
 */
final class HandshakeRequests {

	static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";

	/** Spring's request over Reactor Netty, whose headers are a view of Netty's. */
	private static final String REACTOR_REQUEST = "org.springframework.http.server.reactive.ReactorServerHttpRequest";

	private HandshakeRequests() {
	}

	static HttpRequest from(ServerHttpRequest request, @Nullable Principal principal) {
		io.netty.handler.codec.http.HttpHeaders headers = nettyHeaders(request);
		List<String> offered = offered(headers.getAll(SEC_WEBSOCKET_PROTOCOL));
		List<String> subprotocols = subprotocols(offered);
		if (offered.size() == 1 && offered.equals(subprotocols)) {
			// one header of one token (the usual offer): one list serves as both
			subprotocols = offered;
		}
		// the URI kept as its text and the address as the socket's: a connection rarely
		// reads them, and keeps neither the parsed URI's parts nor a printed address
		return HttpRequest.compact(request.getURI(), new HeadersView(headers, offered), new CookiesView(headers),
				request.getRemoteAddress(), subprotocols, principal);
	}

	/**
	 * The request's headers as Netty headers: Reactor Netty's own, which the socket keeps
	 * anyway, rather than Spring's two wrappers around them, when the request is Spring's
	 * own over Reactor Netty (which shows exactly them); a copy of what any other request
	 * shows (one a filter mutated or decorated).
	 */
	static io.netty.handler.codec.http.HttpHeaders nettyHeaders(ServerHttpRequest request) {
		// told apart by class: reading Netty's header names to compare would make each
		// keep its name as a String for the request's life
		if (request.getClass().getName().equals(REACTOR_REQUEST)
				&& request instanceof AbstractServerHttpRequest nettyBacked
				&& nettyBacked.getNativeRequest() instanceof HttpServerRequest nettyRequest) {
			return nettyRequest.requestHeaders();
		}
		io.netty.handler.codec.http.HttpHeaders copy = DefaultHttpHeadersFactory.headersFactory()
			.withValidation(false)
			.newHeaders();
		request.getHeaders().forEach(copy::add);
		return copy;
	}

	static String remoteAddress(@Nullable InetSocketAddress address) {
		return (address != null) ? HttpRequest.addressLiteral(address) : "";
	}

	/**
	 * The {@code Sec-WebSocket-Protocol} values as offered, read-only, a value naming a
	 * subprotocol the engine serves being the engine's own constant (equal, and shared by
	 * every connection instead of one copy each).
	 */
	private static List<String> offered(@Nullable List<String> headerValues) {
		if (headerValues == null || headerValues.isEmpty()) {
			return List.of();
		}
		String[] values = new String[headerValues.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = served(headerValues.get(i));
		}
		return List.of(values);
	}

	static List<String> subprotocols(@Nullable List<String> headerValues) {
		if (headerValues == null || headerValues.isEmpty()) {
			return List.of();
		}
		List<String> protocols = new ArrayList<>();
		for (String value : headerValues) {
			for (String token : StringUtils.tokenizeToStringArray(value, ",")) {
				protocols.add(served(token));
			}
		}
		return List.copyOf(protocols);
	}

	/** The engine's constant for a subprotocol it serves, or the token itself. */
	private static String served(String token) {
		return switch (token) {
			case SubprotocolMiddleware.WAMP -> SubprotocolMiddleware.WAMP;
			case Wamp2Codec.JSON_SUBPROTOCOL -> Wamp2Codec.JSON_SUBPROTOCOL;
			case Wamp2Codec.CBOR_SUBPROTOCOL -> Wamp2Codec.CBOR_SUBPROTOCOL;
			default -> token;
		};
	}

	/**
	 * The request's headers as the engine sees them (names in lower case, values
	 * read-only), read from the request's own headers (on Reactor Netty, a view of
	 * Netty's) instead of a copy kept for the socket's life. The upgrade later narrows
	 * Netty's {@code Sec-WebSocket-Protocol} to the one selected; this view keeps showing
	 * what the client offered.
	 */
	static final class HeadersView extends HttpRequest.View<List<String>> {

		private final io.netty.handler.codec.http.HttpHeaders headers;

		private final @Nullable List<String> offeredProtocols;

		HeadersView(io.netty.handler.codec.http.HttpHeaders headers, List<String> offeredProtocols) {
			this.headers = headers;
			this.offeredProtocols = !offeredProtocols.isEmpty() ? List.copyOf(offeredProtocols) : null;
		}

		@Override
		public @Nullable List<String> get(@Nullable Object name) {
			if (!(name instanceof String header)) {
				return null;
			}
			if (SEC_WEBSOCKET_PROTOCOL.equalsIgnoreCase(header)) {
				return this.offeredProtocols;
			}
			List<String> values = this.headers.getAll(header);
			return values.isEmpty() ? null : Collections.unmodifiableList(values);
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
			for (Map.Entry<String, String> header : this.headers) {
				merged.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
					.add(header.getValue());
			}
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

		private final io.netty.handler.codec.http.HttpHeaders headers;

		private volatile @Nullable Map<String, String> decoded;

		CookiesView(io.netty.handler.codec.http.HttpHeaders headers) {
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
				for (String header : this.headers.getAll(HttpHeaders.COOKIE)) {
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
