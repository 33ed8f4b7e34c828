package dev.websocket.server.spring.webflux;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.websocket.server.connection.HttpRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.StringUtils;

/** Builds the transport-neutral {@link HttpRequest} from a WebFlux upgrade request. */
final class HandshakeRequests {

	static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";

	private HandshakeRequests() {
	}

	static HttpRequest from(ServerHttpRequest request, @Nullable Principal principal) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		request.getHeaders()
			.forEach(
					(name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
						.addAll(values));
		headers.replaceAll((name, values) -> List.copyOf(values));
		Map<String, String> cookies = new LinkedHashMap<>();
		request.getCookies().forEach((name, values) -> {
			if (!values.isEmpty()) {
				HttpCookie first = values.get(0);
				cookies.put(name, first.getValue());
			}
		});
		return new HttpRequest(request.getURI(), headers, cookies, remoteAddress(request.getRemoteAddress()),
				subprotocols(request.getHeaders().get(SEC_WEBSOCKET_PROTOCOL)), principal);
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

}
