package dev.websocket.server.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.websocket.server.broker.Broker;
import dev.websocket.server.testing.InMemoryTransport;
import dev.websocket.server.wamp.codec.WampCodec;
import dev.websocket.server.wamp.routing.Route;
import dev.websocket.server.wamp.routing.UriRouter;
import dev.websocket.server.wamp.topic.PeriodicTask;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscriptions' topic bookkeeping under races: membership, announcements and
 * periodic timers.
 */
class SubscriptionsTests {

	private static final String URI = "chat/a";

	private final AtomicInteger added = new AtomicInteger();

	private final AtomicInteger removed = new AtomicInteger();

	private final Broker countingBroker = new Broker() {
		@Override
		public void start(LocalDelivery localDelivery) {
		}

		@Override
		public Mono<Void> publish(Publication publication) {
			return Mono.empty();
		}

		@Override
		public void topicAdded(String topicUri) {
			added.incrementAndGet();
		}

		@Override
		public void topicRemoved(String topicUri) {
			removed.incrementAndGet();
		}
	};

	private final Scheduler timer = Schedulers.newSingle("subscriptions-test", true);

	private final WampCodec codec = new WampCodec();

	private final WampServerListener listener = new WampServerListener() {
	};

	private final Subscriptions registry = new Subscriptions(WampServerSettings.defaults(), new UriRouter<>(),
			new Authorization(WampAuthorizer.PERMIT_ALL, listener), codec, countingBroker, listener, timer);

	@AfterEach
	void disposeTimer() {
		timer.dispose();
	}

	private DecoratedConnection connection(String sessionId) {
		return new DecoratedConnection(sessionId, InMemoryTransport.request(), codec, WampServerSettings.defaults(),
				new WampServerListener() {
				});
	}

	private static Route<TopicHandler> route(TopicHandler handler) {
		return new Route<>("chat/{room}", handler, Map.of("room", "a"));
	}

	@Test
	void subscribeAfterTheTimerStoppedStillRegistersAndAnnouncesTheTopic() {
		// Shutdown disposes the timer; a SUBSCRIBE being handled at that moment must not
		// half-register.
		timer.dispose();
		TopicHandler ticking = new TopicHandler() {
			@Override
			public PeriodicTask periodicTask() {
				return new PeriodicTask(Duration.ofSeconds(1), (topic, variables) -> "tick");
			}
		};
		DecoratedConnection connection = connection("s1");
		LocalTopic topic = registry.join(connection, registry.obtain(URI, route(ticking)));
		assertThat(topic.subscribers()).containsExactly(connection);
		assertThat(connection.subscriptions()).containsExactly(URI);
		assertThat(added).hasValue(1);
		assertThat(registry.count()).isEqualTo(1);
		assertThat(registry.part(connection, URI)).isSameAs(topic);
		assertThat(removed).hasValue(1);
		assertThat(registry.count()).isZero();
	}

	@Test
	void racingSubscribersAndLeaversLoseNoSubscriberAndLeakNoTopic() throws Exception {
		TopicHandler plain = new TopicHandler() {
		};
		int threads = 4;
		int rounds = 2000;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CyclicBarrier start = new CyclicBarrier(threads);
			List<Future<DecoratedConnection>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				String id = "s" + t;
				results.add(pool.submit(() -> {
					DecoratedConnection connection = connection(id);
					start.await(10, TimeUnit.SECONDS);
					for (int i = 0; i < rounds; i++) {
						LocalTopic obtained = registry.obtain(URI, route(plain));
						// Widen the window in which another thread may drop the topic
						// just obtained.
						Thread.yield();
						LocalTopic joined = registry.join(connection, obtained);
						// Whatever the others did meanwhile, this subscriber sits in the
						// live topic.
						assertThat(joined.subscribers()).contains(connection);
						assertThat(registry.get(URI)).isSameAs(joined);
						assertThat(registry.part(connection, URI)).isSameAs(joined);
					}
					// End subscribed, so the last state has members to check.
					registry.join(connection, registry.obtain(URI, route(plain)));
					return connection;
				}));
			}
			List<DecoratedConnection> connections = new ArrayList<>();
			for (Future<DecoratedConnection> result : results) {
				connections.add(result.get(30, TimeUnit.SECONDS));
			}
			LocalTopic topic = registry.get(URI);
			assertThat(topic).isNotNull();
			assertThat(topic.subscribers()).containsExactlyInAnyOrderElementsOf(connections);
			assertThat(registry.all()).containsExactly(topic);
			assertThat(registry.count()).isEqualTo(1);
			assertThat(added.get() - removed.get()).isEqualTo(1);
			for (DecoratedConnection connection : connections) {
				registry.part(connection, URI);
			}
			assertThat(registry.all()).isEmpty();
			assertThat(registry.count()).isZero();
			assertThat(added.get()).isEqualTo(removed.get());
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void periodicTimerIsStoppedWhenTheLastSubscriberLeavesWhileOthersRejoin() throws Exception {
		TopicHandler ticking = new TopicHandler() {
			@Override
			public PeriodicTask periodicTask() {
				return new PeriodicTask(Duration.ofMillis(1), (topic, variables) -> null);
			}
		};
		List<LocalTopic> seen = new CopyOnWriteArrayList<>();
		int threads = 4;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CyclicBarrier start = new CyclicBarrier(threads);
			List<Future<?>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				String id = "s" + t;
				results.add(pool.submit(() -> {
					DecoratedConnection connection = connection(id);
					start.await(10, TimeUnit.SECONDS);
					for (int i = 0; i < 500; i++) {
						LocalTopic obtained = registry.obtain(URI, route(ticking));
						Thread.yield();
						seen.add(registry.join(connection, obtained));
						registry.part(connection, URI);
					}
					return null;
				}));
			}
			for (Future<?> result : results) {
				result.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(registry.all()).isEmpty();
		// Every topic instance that ever had subscribers has had its timer stopped: none
		// keeps ticking.
		assertThat(seen).allSatisfy((topic) -> {
			synchronized (topic) {
				assertThat(topic.isDead()).isTrue();
				assertThat(topic.periodic()).isNull();
			}
		});
	}

}
