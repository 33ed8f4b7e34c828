package dev.websocket.server.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.websocket.server.connection.Frame;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounded multi-producer outbound queue on its own. */
class OutboundQueueTests {

	private final AtomicInteger terminations = new AtomicInteger();

	@Test
	void framesAreEmittedInOfferOrderAsRequested() {
		OutboundQueue queue = new OutboundQueue(10, 1000, terminations::incrementAndGet);
		queue.offer(Frame.text("a"));
		queue.offer(Frame.text("b"));
		StepVerifier.create(Flux.from(queue).map((frame) -> ((Frame.Text) frame).text()), 1)
			.expectNext("a")
			.thenRequest(1)
			.expectNext("b")
			.then(() -> queue.offer(Frame.text("c")))
			.thenRequest(1)
			.expectNext("c")
			.then(queue::complete)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(terminations).hasValue(1);
	}

	@Test
	void completeFlushesQueuedFramesFirst() {
		OutboundQueue queue = new OutboundQueue(10, 1000, terminations::incrementAndGet);
		queue.offer(Frame.text("a"));
		queue.offer(Frame.text("b"));
		queue.complete();
		assertThat(queue.offer(Frame.text("late"))).isEqualTo(OutboundQueue.Offer.CLOSED);
		StepVerifier.create(Flux.from(queue).map((frame) -> ((Frame.Text) frame).text()))
			.expectNext("a", "b")
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void abortDiscardsQueuedFramesAndCompletesAtOnce() {
		OutboundQueue queue = new OutboundQueue(10, 1000, terminations::incrementAndGet);
		StepVerifier.create(Flux.from(queue), 0)
			.then(() -> queue.offer(Frame.text("a")))
			.then(queue::abort)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(queue.queuedMessages()).isZero();
		assertThat(terminations).hasValue(1);
	}

	@Test
	void offersBeyondTheCountOrByteBoundOverflow() {
		OutboundQueue byCount = new OutboundQueue(2, 1000, terminations::incrementAndGet);
		assertThat(byCount.offer(Frame.text("a"))).isEqualTo(OutboundQueue.Offer.ACCEPTED);
		assertThat(byCount.offer(Frame.text("b"))).isEqualTo(OutboundQueue.Offer.ACCEPTED);
		assertThat(byCount.offer(Frame.text("c"))).isEqualTo(OutboundQueue.Offer.OVERFLOW);
		OutboundQueue byBytes = new OutboundQueue(100, 5, terminations::incrementAndGet);
		assertThat(byBytes.offer(Frame.text("abc"))).isEqualTo(OutboundQueue.Offer.ACCEPTED);
		assertThat(byBytes.offer(Frame.text("abc"))).isEqualTo(OutboundQueue.Offer.OVERFLOW);
		assertThat(byBytes.queuedBytes()).isEqualTo(3);
	}

	@Test
	void aSecondSubscriberIsRefused() {
		OutboundQueue queue = new OutboundQueue(2, 1000, terminations::incrementAndGet);
		Flux.from(queue).subscribe();
		StepVerifier.create(Flux.from(queue)).expectError(IllegalStateException.class).verify(Duration.ofSeconds(5));
	}

	@Test
	void cancellingTheSubscriptionTerminatesAndRefusesLaterFrames() {
		OutboundQueue queue = new OutboundQueue(10, 1000, terminations::incrementAndGet);
		Flux.from(queue).subscribe().dispose();
		assertThat(terminations).hasValue(1);
		assertThat(queue.offer(Frame.text("a"))).isEqualTo(OutboundQueue.Offer.CLOSED);
	}

	@Test
	void concurrentProducersLoseNothingAndKeepEachProducersOrder() throws InterruptedException {
		int producers = 8;
		int perProducer = 5000;
		OutboundQueue queue = new OutboundQueue(producers * perProducer, Long.MAX_VALUE, terminations::incrementAndGet);
		List<String> received = new ArrayList<>();
		CountDownLatch done = new CountDownLatch(1);
		// A consumer that requests in small batches, as a transport does.
		Flux.from(queue)
			.limitRate(16)
			.map((frame) -> ((Frame.Text) frame).text())
			.subscribe(received::add, null, done::countDown);
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < producers; p++) {
			int id = p;
			Thread thread = new Thread(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				for (int i = 0; i < perProducer; i++) {
					assertThat(queue.offer(Frame.text(id + ":" + i))).isEqualTo(OutboundQueue.Offer.ACCEPTED);
				}
			});
			threads.add(thread);
			thread.start();
		}
		start.countDown();
		for (Thread thread : threads) {
			thread.join(Duration.ofSeconds(30).toMillis());
			assertThat(thread.isAlive()).isFalse();
		}
		queue.complete();
		assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(received).hasSize(producers * perProducer);
		int[] next = new int[producers];
		for (String text : received) {
			String[] parts = text.split(":");
			int producer = Integer.parseInt(parts[0]);
			assertThat(Integer.parseInt(parts[1])).isEqualTo(next[producer]);
			next[producer]++;
		}
		assertThat(queue.queuedMessages()).isZero();
		assertThat(queue.queuedBytes()).isZero();
	}

	@Test
	void everyFrameAcceptedWhileCompletingIsEmittedBeforeTheEnd() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 500; round++) {
				OutboundQueue queue = new OutboundQueue(Integer.MAX_VALUE, Long.MAX_VALUE,
						terminations::incrementAndGet);
				AtomicInteger received = new AtomicInteger();
				CountDownLatch ended = new CountDownLatch(1);
				Flux.from(queue).subscribe((frame) -> received.incrementAndGet(), null, ended::countDown);
				AtomicInteger accepted = new AtomicInteger();
				CountDownLatch producing = new CountDownLatch(2);
				List<Future<?>> producers = new ArrayList<>();
				for (int p = 0; p < 2; p++) {
					producers.add(pool.submit(() -> {
						producing.countDown();
						// Offer until the queue refuses: some offers race with
						// complete().
						while (queue.offer(Frame.text("x")) == OutboundQueue.Offer.ACCEPTED) {
							accepted.incrementAndGet();
						}
					}));
				}
				assertThat(producing.await(10, TimeUnit.SECONDS)).isTrue();
				queue.complete();
				for (Future<?> producer : producers) {
					producer.get(10, TimeUnit.SECONDS);
				}
				assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
				assertThat(received.get()).as("round %d", round).isEqualTo(accepted.get());
				assertThat(queue.queuedMessages()).as("round %d", round).isZero();
				assertThat(queue.queuedBytes()).as("round %d", round).isZero();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void asksToPauseReadingAtTheHighWaterMarkAndResumesAtTheLowOne() {
		OutboundQueue queue = new OutboundQueue(10, 1000, 0.4, terminations::incrementAndGet);
		AtomicInteger resumed = new AtomicInteger();
		for (int i = 0; i < 3; i++) {
			queue.offer(Frame.text("f" + i));
		}
		assertThat(queue.pauseAbove(resumed::incrementAndGet)).as("below the mark of 4").isFalse();
		queue.offer(Frame.text("f3"));
		assertThat(queue.pauseAbove(resumed::incrementAndGet)).as("at the mark of 4").isTrue();
		StepVerifier.create(Flux.from(queue), 1)
			.expectNextCount(1)
			.then(() -> assertThat(resumed).as("3 queued, above the low mark of 2").hasValue(0))
			.thenRequest(1)
			.expectNextCount(1)
			.then(() -> assertThat(resumed).as("2 queued, at the low mark").hasValue(1))
			.thenRequest(2)
			.expectNextCount(2)
			.then(queue::complete)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(resumed).as("once").hasValue(1);
	}

	@Test
	void countsBytesTowardsTheHighWaterMark() {
		OutboundQueue queue = new OutboundQueue(100, 100, 0.5, terminations::incrementAndGet);
		queue.offer(Frame.text("x".repeat(60)));
		assertThat(queue.pauseAbove(() -> {
		})).isTrue();
	}

	@Test
	void resumesAPausedReaderWhenTheStreamEnds() {
		OutboundQueue queue = new OutboundQueue(10, 1000, 0.2, terminations::incrementAndGet);
		AtomicInteger resumed = new AtomicInteger();
		queue.offer(Frame.text("a"));
		queue.offer(Frame.text("b"));
		assertThat(queue.pauseAbove(resumed::incrementAndGet)).isTrue();
		StepVerifier.create(Flux.from(queue), 0).then(queue::abort).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(resumed).hasValue(1);
	}

}
