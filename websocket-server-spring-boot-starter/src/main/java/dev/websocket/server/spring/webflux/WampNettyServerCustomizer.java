package dev.websocket.server.spring.webflux;

import java.time.Duration;

import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

/**
 * Bounds the HTTP side of the server before any request reaches WebFlux: every request
 * head must be complete within a deadline (from the accept for a connection's first
 * request, from its first byte for the next ones on a kept-alive connection), or the
 * connection is answered with 408 and closed. Reactor Netty's own idle timeout restarts
 * with every byte, so it does not stop a request drip-fed a byte at a time. Applies to
 * every HTTP/1.1 request the server reads, not only to the WAMP endpoint's.
 */
public final class WampNettyServerCustomizer implements NettyServerCustomizer {

	private final Duration requestHeadTimeout;

	/**
	 * @param requestHeadTimeout the longest time a request head may take to arrive
	 */
	public WampNettyServerCustomizer(Duration requestHeadTimeout) {
		this.requestHeadTimeout = requestHeadTimeout;
	}

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> RequestHeadDeadline
			.install(channel.pipeline(), this.requestHeadTimeout));
	}

}
