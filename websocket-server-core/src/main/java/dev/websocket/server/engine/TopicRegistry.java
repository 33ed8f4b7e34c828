package dev.websocket.server.engine;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.websocket.server.broker.Broker;
import dev.websocket.server.wamp.codec.WampCodec;
import dev.websocket.server.wamp.routing.Route;
import dev.websocket.server.wamp.topic.PeriodicTask;
import dev.websocket.server.wamp.topic.Topic;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * The topics of this node that have local subscribers, with the bookkeeping that goes
 * with membership: the connection's {@code wamp.subscriptions} set, the broker's and the
 * listener's topic-added/removed notifications, and one periodic-task timer per topic
 * while it has subscribers. A topic with no subscribers left is dropped.
 */
final class TopicRegistry {

	private static final Logger logger = LoggerFactory.getLogger(TopicRegistry.class);

	private final Map<String, LocalTopic> topics = new ConcurrentHashMap<>();

	private final AtomicInteger announced = new AtomicInteger();

	private final WampCodec codec;

	private final Broker broker;

	private final WampServerListener listener;

	private final Scheduler timer;

	TopicRegistry(WampCodec codec, Broker broker, WampServerListener listener, Scheduler timer) {
		this.codec = codec;
		this.broker = broker;
		this.listener = listener;
		this.timer = timer;
	}

	/** The topic with that URI, if it is known on this node. */
	@Nullable LocalTopic get(String uri) {
		return topics.get(uri);
	}

	/** Topics with at least one local subscriber (announced and not yet removed). */
	int count() {
		return announced.get();
	}

	Collection<LocalTopic> all() {
		return topics.values();
	}

	/**
	 * The live topic for a URI, created (without subscribers, not yet announced) when
	 * absent.
	 * @param uri the full URI
	 * @param route what the URI routes to
	 * @return the topic
	 */
	LocalTopic obtain(String uri, Route<TopicHandler> route) {
		return topics.computeIfAbsent(uri, (key) -> new LocalTopic(key, route, codec, listener));
	}

	/**
	 * Adds a subscriber, announcing the topic and starting its periodic task when it is
	 * the first.
	 * @param connection the subscriber
	 * @param topic a topic from {@link #obtain}; if it was dropped meanwhile, its
	 * successor is used
	 * @return the topic the connection joined
	 */
	LocalTopic subscribe(DecoratedConnection connection, LocalTopic topic) {
		LocalTopic target = topic;
		for (;;) {
			synchronized (target) {
				if (!target.dead) {
					if (target.members().add(connection)) {
						connection.addSubscription(target.uri());
						if (!target.announced) {
							target.announced = true;
							announceAdded(target);
						}
					}
					return target;
				}
			}
			target = obtain(target.uri(), target.route());
		}
	}

	/**
	 * Removes a subscriber; the topic is dropped when it was the last one.
	 * @param connection the subscriber
	 * @param uri the topic URI
	 * @return the topic it left, or {@code null} when it was not subscribed
	 */
	@Nullable LocalTopic unsubscribe(DecoratedConnection connection, String uri) {
		LocalTopic topic = topics.get(uri);
		connection.removeSubscription(uri);
		if (topic == null) {
			return null;
		}
		synchronized (topic) {
			boolean removed = topic.members().remove(connection);
			dropIfEmpty(topic);
			return removed ? topic : null;
		}
	}

	/**
	 * Drops a topic that has no subscribers (one refused by its handler, or whose last
	 * subscriber left).
	 * @param topic the topic
	 */
	void dropIfEmpty(LocalTopic topic) {
		synchronized (topic) {
			if (topic.dead || !topic.members().isEmpty()) {
				return;
			}
			topic.dead = true;
			topics.remove(topic.uri(), topic);
			if (topic.announced) {
				announceRemoved(topic);
			}
		}
	}

	/** Stops every periodic task (shutdown). */
	void stopPeriodicTasks() {
		for (LocalTopic topic : topics.values()) {
			synchronized (topic) {
				stopPeriodic(topic);
			}
		}
	}

	private void announceAdded(LocalTopic topic) {
		announced.incrementAndGet();
		startPeriodic(topic);
		try {
			broker.topicAdded(topic.uri());
		}
		catch (RuntimeException ex) {
			logger.warn("Broker failed on topic added {}", topic.uri(), ex);
		}
		listener.topicCreated(topic.uri());
	}

	private void announceRemoved(LocalTopic topic) {
		announced.decrementAndGet();
		stopPeriodic(topic);
		try {
			broker.topicRemoved(topic.uri());
		}
		catch (RuntimeException ex) {
			logger.warn("Broker failed on topic removed {}", topic.uri(), ex);
		}
		listener.topicRemoved(topic.uri());
	}

	private void startPeriodic(LocalTopic topic) {
		PeriodicTask task;
		try {
			task = topic.route().handler().periodicTask();
		}
		catch (RuntimeException ex) {
			logger.error("Topic handler {} failed to provide its periodic task", topic.route().pattern(), ex);
			return;
		}
		if (task == null) {
			return;
		}
		long nanos = task.interval().toNanos();
		try {
			topic.periodic = timer.schedulePeriodically(() -> runPeriodic(topic, task), nanos, nanos,
					TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// The server is shutting down and its timer is gone; the subscription itself
			// still counts.
			logger.debug("Periodic task of topic {} not started: the server is shutting down", topic.uri());
		}
	}

	private void runPeriodic(Topic topic, PeriodicTask task) {
		try {
			Object event = task.work().apply(topic);
			if (event != null) {
				topic.broadcast(event);
			}
		}
		catch (Throwable ex) {
			logger.error("Periodic task of topic {} failed", topic.uri(), ex);
		}
	}

	private static void stopPeriodic(LocalTopic topic) {
		Disposable periodic = topic.periodic;
		if (periodic != null) {
			periodic.dispose();
			topic.periodic = null;
		}
	}

}
