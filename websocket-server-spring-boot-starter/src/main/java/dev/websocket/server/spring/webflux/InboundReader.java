package dev.websocket.server.spring.webflux;

import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

import dev.websocket.server.engine.TransportSession;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.web.reactive.socket.WebSocketMessage;

/**
 * Reads one socket's messages into the engine with back-pressure on the sender: it asks
 * for messages a few at a time and, while the connection's own outbound queue is over its
 * high-water mark, asks for no more until the engine calls back, so Reactor Netty stops
 * reading the socket (auto-read off) and a client that sends faster than it reads waits
 * instead of overflowing its queue. At most {@link #BATCH} messages are requested ahead,
 * so that many can still arrive once the mark is passed. Messages arrive on the socket's
 * event loop; the engine's call back is handed over to it.
 */
final class InboundReader extends BaseSubscriber<WebSocketMessage> {

	/** Messages requested ahead of the one being handled. */
	static final int BATCH = 16;

	private final TransportSession transport;

	private final BiConsumer<TransportSession, WebSocketMessage> dispatch;

	private final Executor eventLoop;

	private final LoopBatch batch;

	private final boolean timed;

	private final Sinks.Empty<Void> done = Sinks.empty();

	/** Created once: the engine holds it while reading is paused. */
	private final Runnable resume = this::resume;

	/** Messages handled since the last request; touched on the event loop only. */
	private int handled;

	private volatile long lastMessage = System.nanoTime();

	/**
	 * @param transport the engine's side of the connection
	 * @param dispatch hands one message to the engine
	 * @param eventLoop the socket's event loop
	 * @param batch the writes waiting on that loop, run after each message
	 * @param timed whether to record when the last text or binary message arrived
	 */
	InboundReader(TransportSession transport, BiConsumer<TransportSession, WebSocketMessage> dispatch,
			Executor eventLoop, LoopBatch batch, boolean timed) {
		this.transport = transport;
		this.dispatch = dispatch;
		this.eventLoop = eventLoop;
		this.batch = batch;
		this.timed = timed;
	}

	/** Completes when the socket's messages end (a failure was reported first). */
	Mono<Void> done() {
		return this.done.asMono();
	}

	/** When the last text or binary message arrived ({@link System#nanoTime()}). */
	long lastMessage() {
		return this.lastMessage;
	}

	@Override
	protected void hookOnSubscribe(Subscription subscription) {
		subscription.request(BATCH);
	}

	@Override
	protected void hookOnNext(WebSocketMessage message) {
		if (this.timed && message.getType() != WebSocketMessage.Type.PONG
				&& message.getType() != WebSocketMessage.Type.PING) {
			this.lastMessage = System.nanoTime();
		}
		this.dispatch.accept(this.transport, message);
		// what the message caused for sockets of this loop goes out now
		this.batch.runPending();
		// replenish half a batch at a time, so demand stays above zero while reading on
		if (++this.handled == BATCH / 2) {
			this.handled = 0;
			if (!this.transport.pauseReading(this.resume)) {
				request(BATCH / 2);
			}
		}
	}

	/** The outbound queue drained to its low-water mark: read on, on the event loop. */
	private void resume() {
		this.eventLoop.execute(() -> {
			if (!isDisposed()) {
				request(BATCH / 2);
			}
		});
	}

	@Override
	protected void hookOnError(Throwable error) {
		WampWebSocketHandler.inboundFailed(this.transport, error);
		this.done.tryEmitEmpty();
	}

	@Override
	protected void hookOnComplete() {
		this.done.tryEmitEmpty();
	}

	@Override
	protected void hookOnCancel() {
		this.done.tryEmitEmpty();
	}

}
