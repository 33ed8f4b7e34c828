package dev.websocket.server.spring.webflux;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Leaves WebSocket upgrade requests to the WAMP endpoint out of WebFlux's HTTP server
 * observation ({@code http.server.requests}). WebFlux keeps such an observation open
 * until the exchange ends, which for an upgrade is when the socket closes: it would time
 * the connection's whole life and hold its context, key values and long-task sample
 * (about 1.7 KiB of heap) per open connection. The starter's own WAMP metrics count
 * connections. Every other request is observed as before.
 */
public final class HandshakeObservationPredicate implements ObservationPredicate {

	private final String path;

	/**
	 * @param path the WAMP endpoint's path ({@code websocket.server.path})
	 */
	public HandshakeObservationPredicate(String path) {
		this.path = path;
	}

	@Override
	public boolean test(String name, Observation.Context context) {
		return !(context instanceof ServerRequestObservationContext server && isWampUpgrade(server.getCarrier()));
	}

	private boolean isWampUpgrade(@Nullable ServerHttpRequest request) {
		return request != null && "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade())
				&& this.path.equals(request.getPath().pathWithinApplication().value());
	}

}
