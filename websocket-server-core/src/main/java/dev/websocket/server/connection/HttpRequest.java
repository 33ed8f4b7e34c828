package dev.websocket.server.connection;

import java.net.URI;
import java.security.Principal;
import java.util.AbstractMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A transport-neutral view of the HTTP upgrade request that opened a connection, stored
 * under {@link Attributes#HTTP_REQUEST}.
 *
 * <p>
 * The header and cookie maps are copied, unless they are a transport's {@link View} over
 * the request it keeps anyway (the starter's views read Netty's headers): a connection
 * then holds no second copy of its handshake.
 *
 * @param uri the request URI
 * @param headers the headers, names in lower case
 * @param cookies cookie values by name
 * @param remoteAddress the client's IP address as a literal, without port
 * @param subprotocols the WebSocket subprotocols the client offered, in its order
 * @param principal the authenticated user of the handshake, if any
 */
public record HttpRequest(URI uri, Map<String, List<String>> headers, Map<String, String> cookies, String remoteAddress,
		List<String> subprotocols, @Nullable Principal principal) {

	public HttpRequest {
		headers = (headers instanceof View) ? headers : Map.copyOf(headers);
		cookies = (cookies instanceof View) ? cookies : Map.copyOf(cookies);
		subprotocols = List.copyOf(subprotocols);
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
