package dev.websocket.server.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.connection.Frame;
import dev.websocket.server.testing.InMemoryTransport;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbound queue taken by polling (how the Netty transport writes on the socket's
 * event loop), and the holds on a broadcast's shared frame: its transport-encoded form is
 * released exactly once, whatever way each receiver's copy leaves its queue.
 */
class PolledOutboundTests {

	private final AtomicInteger terminations = new AtomicInteger();

	private final AtomicInteger wakeups = new AtomicInteger();

	private @Nullable WampServer server;

	@AfterEach
	void shutdown() {
		if (this.server != null) {
			this.server.shutdown(java.time.Duration.ZERO).block(java.time.Duration.ofSeconds(5));
		}
	}

	@Test
	void pollsInOfferOrderAndEndsOnlyAfterTheLastFrameOfAGracefulClose() {
		OutboundQueue queue = new OutboundQueue(10, 1000, this.terminations::incrementAndGet);
		queue.attach(this.wakeups::incrementAndGet);
		queue.offer(Frame.text("a"));
		queue.offer(Frame.text("b"));
		assertThat(this.wakeups).as("woken for each frame").hasValueGreaterThanOrEqualTo(2);
		queue.complete();
		assertThat(queue.ended()).as("frames still queued").isFalse();
		assertThat(text(queue.poll())).isEqualTo("a");
		assertThat(text(queue.poll())).isEqualTo("b");
		assertThat(queue.poll()).isNull();
		assertThat(queue.ended()).isTrue();
		assertThat(this.terminations).hasValue(1);
		assertThat(queue.offer(Frame.text("late"))).isEqualTo(OutboundQueue.Offer.CLOSED);
	}

	@Test
	void abortEndsAtOnceAndWakesThePoller() {
		OutboundQueue queue = new OutboundQueue(10, 1000, this.terminations::incrementAndGet);
		queue.attach(this.wakeups::incrementAndGet);
		queue.offer(Frame.text("a"));
		int before = this.wakeups.get();
		queue.abort();
		assertThat(this.wakeups.get()).isGreaterThan(before);
		assertThat(queue.poll()).isNull();
		assertThat(queue.ended()).isTrue();
		assertThat(this.terminations).hasValue(1);
		assertThat(queue.queuedMessages()).isZero();
	}

	@Test
	void aSharedFramesEncodedFormIsReleasedOnceAfterItWasPolledDiscardedAndEmitted() {
		Frame.Text frame = Frame.shared("[8,\"t\",1]");
		OutboundQueue polled = new OutboundQueue(10, 1000, this.terminations::incrementAndGet);
		polled.attach(this.wakeups::incrementAndGet);
		OutboundQueue aborted = new OutboundQueue(10, 1000, this.terminations::incrementAndGet);
		aborted.attach(this.wakeups::incrementAndGet);
		OutboundQueue detached = new OutboundQueue(10, 1000, this.terminations::incrementAndGet);
		detached.attach(this.wakeups::incrementAndGet);
		OutboundQueue subscribed = new OutboundQueue(10, 1000, this.terminations::incrementAndGet);
		OutboundQueue full = new OutboundQueue(0, 1000, this.terminations::incrementAndGet);
		List<Frame> emitted = new ArrayList<>();
		Flux.from(subscribed).subscribe(emitted::add);
		for (OutboundQueue queue : List.of(polled, aborted, detached, subscribed)) {
			assertThat(queue.offer(frame)).isEqualTo(OutboundQueue.Offer.ACCEPTED);
		}
		assertThat(full.offer(frame)).as("refused: not held").isEqualTo(OutboundQueue.Offer.OVERFLOW);
		assertThat(emitted).containsExactly(frame);
		AtomicInteger releases = new AtomicInteger();
		Frame polledFrame = polled.poll();
		assertThat(polledFrame).isSameAs(frame);
		// the poller caches its encoded form while it holds the frame
		assertThat(frame.cache(releases::incrementAndGet)).isNotNull();
		Frame.Encoded second = () -> releases.addAndGet(100);
		assertThat(frame.cache(second)).as("the first cached wins").isNotSameAs(second);
		assertThat(releases).as("the losing candidate").hasValue(100);
		frame.release();
		aborted.abort();
		detached.detach();
		assertThat(releases).as("the broadcast still holds it").hasValue(100);
		frame.release();
		assertThat(releases).as("released once, with the last hold").hasValue(101);
		assertThat(frame.holds()).isZero();
	}

	@Test
	void everyFrameAcceptedWhileCompletingIsPolledBeforeTheEnd() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 300; round++) {
				OutboundQueue queue = new OutboundQueue(Integer.MAX_VALUE, Long.MAX_VALUE,
						this.terminations::incrementAndGet);
				queue.attach(() -> {
				});
				Frame.Text frame = Frame.shared("x");
				AtomicInteger accepted = new AtomicInteger();
				CountDownLatch producing = new CountDownLatch(2);
				List<Future<?>> producers = new ArrayList<>();
				for (int p = 0; p < 2; p++) {
					producers.add(pool.submit(() -> {
						producing.countDown();
						while (queue.offer(frame) == OutboundQueue.Offer.ACCEPTED) {
							accepted.incrementAndGet();
						}
					}));
				}
				assertThat(producing.await(10, TimeUnit.SECONDS)).isTrue();
				queue.complete();
				int polled = 0;
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
				while (System.nanoTime() < deadline) {
					Frame next = queue.poll();
					if (next != null) {
						polled++;
						((Frame.Text) next).release();
					}
					else if (queue.ended()) {
						break;
					}
				}
				for (Future<?> producer : producers) {
					producer.get(10, TimeUnit.SECONDS);
				}
				assertThat(queue.ended()).as("round %d", round).isTrue();
				assertThat(polled).as("round %d", round).isEqualTo(accepted.get());
				assertThat(frame.holds()).as("only the creator's hold is left, round %d", round).isOne();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aBroadcastsSharedFrameIsReleasedOnceWhetherWrittenOrDiscardedWhenASocketCloses() {
		WampServer server = WampServer.builder().topic("chat/{room}", new TopicHandler() {
		}).build();
		this.server = server;
		List<TransportSession> subscribers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			TransportSession session = server.open(InMemoryTransport.request());
			session.attachOutbound(this.wakeups::incrementAndGet);
			assertThat(session.pollFrame()).as("WELCOME").isNotNull();
			session.receiveText("[5,\"chat/a\"]");
			subscribers.add(session);
		}
		TransportSession publisher = server.open(InMemoryTransport.request());
		publisher.attachOutbound(this.wakeups::incrementAndGet);
		publisher.receiveText("[7,\"chat/a\",\"hello\"]");
		AtomicInteger releases = new AtomicInteger();
		Frame first = subscribers.get(0).pollFrame();
		assertThat(first).isInstanceOf(Frame.Text.class);
		Frame.Text event = (Frame.Text) first;
		assertThat(event.isShared()).isTrue();
		assertThat(event.text()).isEqualTo("[8,\"chat/a\",\"hello\"]");
		event.cache(releases::incrementAndGet);
		event.release();
		Frame second = subscribers.get(1).pollFrame();
		assertThat(second).as("one frame for every subscriber").isSameAs(event);
		event.release();
		assertThat(releases).as("still queued for the third").hasValue(0);
		// the third socket goes away with the event still queued
		subscribers.get(2).closed(new CloseStatus(CloseCodes.ABNORMAL, "gone"));
		assertThat(subscribers.get(2).outboundEnded()).isTrue();
		assertThat(releases).hasValue(1);
		assertThat(event.holds()).isZero();
	}

	private static @Nullable String text(@Nullable Frame frame) {
		return (frame instanceof Frame.Text text) ? text.text() : null;
	}

}
