package dev.websocket.server.connection;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.AbstractMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A transport-neutral view of the HTTP upgrade request that opened a connection, stored
 * under {@link Attributes#HTTP_REQUEST}. A value with the accessors, equality and string
 * form of a record of its six components.
 *
 * <p>
 * The header and cookie maps are copied, unless they are a transport's {@link View} over
 * the request it keeps anyway (the starter's views read Netty's headers): a connection
 * then holds no second copy of its handshake. A transport keeping many connections open
 * builds its requests with {@link #compact}, which keeps the URI as its text and the
 * client's socket address rather than their parsed and printed forms.
 */
public final class HttpRequest {

	/** The {@link URI}, or its text (a compact request), parsed on each read. */
	private final Object uri;

	private final Map<String, List<String>> headers;

	private final Map<String, String> cookies;

	/**
	 * The address literal, or the client's socket address (a compact request), printed on
	 * each read.
	 */
	private final Object remoteAddress;

	private final List<String> subprotocols;

	private final @Nullable Principal principal;

	/**
	 * @param uri the request URI
	 * @param headers the headers, names in lower case
	 * @param cookies cookie values by name
	 * @param remoteAddress the client's IP address as a literal, without port
	 * @param subprotocols the WebSocket subprotocols the client offered, in its order
	 * @param principal the authenticated user of the handshake, if any
	 */
	public HttpRequest(URI uri, Map<String, List<String>> headers, Map<String, String> cookies, String remoteAddress,
			List<String> subprotocols, @Nullable Principal principal) {
		this((Object) uri, headers, cookies, (Object) remoteAddress, subprotocols, principal);
	}

	private HttpRequest(Object uri, Map<String, List<String>> headers, Map<String, String> cookies,
			Object remoteAddress, List<String> subprotocols, @Nullable Principal principal) {
		this.uri = uri;
		this.headers = (headers instanceof View) ? headers : Map.copyOf(headers);
		this.cookies = (cookies instanceof View) ? cookies : Map.copyOf(cookies);
		this.remoteAddress = remoteAddress;
		this.subprotocols = List.copyOf(subprotocols);
		this.principal = principal;
	}

	/**
	 * A request that keeps what a connection rarely reads in the form the transport has
	 * anyway: the URI as its text, parsed again on each {@link #uri()} (an equal URI each
	 * time), and the client's socket address, printed on each {@link #remoteAddress()}.
	 * Reads as a request built with the constructor from the same values does, and equals
	 * it.
	 * @param uri the request URI
	 * @param headers the headers, names in lower case
	 * @param cookies cookie values by name
	 * @param remoteAddress the client's socket address, or {@code null} when unknown (an
	 * empty address literal)
	 * @param subprotocols the WebSocket subprotocols the client offered, in its order
	 * @param principal the authenticated user of the handshake, if any
	 * @return the request
	 */
	public static HttpRequest compact(URI uri, Map<String, List<String>> headers, Map<String, String> cookies,
			@Nullable InetSocketAddress remoteAddress, List<String> subprotocols, @Nullable Principal principal) {
		return new HttpRequest(uri.toString(), headers, cookies, (remoteAddress != null) ? remoteAddress : "",
				subprotocols, principal);
	}

	/**
	 * The IP address of a socket address as a literal, without port (its host name when
	 * it is unresolved).
	 * @param address the socket address
	 * @return the literal
	 */
	public static String addressLiteral(InetSocketAddress address) {
		InetAddress inet = address.getAddress();
		return (inet != null) ? inet.getHostAddress() : address.getHostString();
	}

	/** The request URI. */
	public URI uri() {
		return (uri instanceof String text) ? URI.create(text) : (URI) uri;
	}

	/** The headers, names in lower case. */
	public Map<String, List<String>> headers() {
		return headers;
	}

	/** Cookie values by name. */
	public Map<String, String> cookies() {
		return cookies;
	}

	/** The client's IP address as a literal, without port. */
	public String remoteAddress() {
		return (remoteAddress instanceof InetSocketAddress address) ? addressLiteral(address) : (String) remoteAddress;
	}

	/** The WebSocket subprotocols the client offered, in its order. */
	public List<String> subprotocols() {
		return subprotocols;
	}

	/** The authenticated user of the handshake, if any. */
	public @Nullable Principal principal() {
		return principal;
	}

	/**
	 * The first value of a header.
	 * @param name the header name, in any case
	 * @return the value, or {@code null}
	 */
	public @Nullable String header(String name) {
		List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof HttpRequest that && Objects.equals(uri(), that.uri())
				&& headers.equals(that.headers) && cookies.equals(that.cookies)
				&& Objects.equals(remoteAddress(), that.remoteAddress()) && subprotocols.equals(that.subprotocols)
				&& Objects.equals(principal, that.principal));
	}

	@Override
	public int hashCode() {
		return Objects.hash(uri(), headers, cookies, remoteAddress(), subprotocols, principal);
	}

	@Override
	public String toString() {
		return "HttpRequest[uri=" + uri() + ", headers=" + headers + ", cookies=" + cookies + ", remoteAddress="
				+ remoteAddress() + ", subprotocols=" + subprotocols + ", principal=" + principal + "]";
	}

	/**
	 * A read-only map a transport keeps over the request it holds anyway, which
	 * {@link HttpRequest} keeps as it is instead of copying. A subclass must not change
	 * what it shows once the request was built; a header view must find names in any case
	 * and list them in lower case.
	 *
	 * @param <V> the value type
	 */
	public abstract static class View<V> extends AbstractMap<String, V> {

		/** For subclasses. */
		protected View() {
		}

	}

}
