package dev.websocket.server.spring.webflux;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/**
 * A Reactor Netty WebSocket client that reads the WELCOME, sends what it is told and then
 * stops reading: with no demand, Reactor Netty turns auto-read off, so the server's
 * writes back up (and pings go unanswered, as pings are answered only when read).
 */
final class StalledClient {

	private final CompletableFuture<String> welcome = new CompletableFuture<>();

	private final Disposable connection;

	private StalledClient(HttpClient client, URI uri, String... afterWelcome) {
		this.connection = client.websocket(WebsocketClientSpec.builder().protocols("wamp").handlePing(true).build())
			.uri(uri)
			.handle((in, out) -> {
				in.aggregateFrames().receiveFrames().subscribe(new BaseSubscriber<WebSocketFrame>() {
					@Override
					protected void hookOnSubscribe(Subscription subscription) {
						subscription.request(1);
					}

					@Override
					protected void hookOnNext(WebSocketFrame frame) {
						if (frame instanceof TextWebSocketFrame text) {
							StalledClient.this.welcome.complete(text.text());
						}
						// no further request: reading stops here
					}
				});
				return Mono.fromFuture(this.welcome)
					.thenMany(out.sendString(reactor.core.publisher.Flux.fromArray(afterWelcome)))
					.then(Mono.never());
			})
			.subscribe();
	}

	static StalledClient connect(URI uri, String... afterWelcome) {
		return new StalledClient(HttpClient.create(), uri, afterWelcome);
	}

	static StalledClient connect(HttpClient client, URI uri, String... afterWelcome) {
		return new StalledClient(client, uri, afterWelcome);
	}

	String welcome() {
		return this.welcome.orTimeout(RawClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	void dispose() {
		this.connection.dispose();
	}

	static Duration timeout() {
		return RawClient.TIMEOUT;
	}

}
