package dev.websocket.server.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.websocket.server.connection.Frame;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.codec.WampCodec;
import dev.websocket.server.wamp.message.WampMessage;
import dev.websocket.server.wamp.routing.Route;
import dev.websocket.server.wamp.topic.PeriodicTask;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.Topic;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * A topic of this node with its local subscribers. It owns its state: membership, whether
 * it was announced, whether it is dead (left the registry) and its periodic timer change
 * only in its own methods, under this object's monitor; broadcasting reads the concurrent
 * subscriber set without locking. What a change means for the rest of the node (the
 * registry entry, the broker, the listener) is told to its {@link Lifecycle} while the
 * monitor is held, so that a topic's announcements never interleave.
 */
final class LocalTopic implements Topic {

	private static final Logger logger = LoggerFactory.getLogger(LocalTopic.class);

	private final String uri;

	private final Route<TopicHandler> route;

	/**
	 * The id WAMP v2 subscribers know this topic by (router scope, the same on every
	 * node).
	 */
	private final long subscriptionId;

	private final Set<DecoratedConnection> subscribers = ConcurrentHashMap.newKeySet();

	private final Shared shared;

	/** Set once the topic left the registry; a dead topic takes no subscribers. */
	private boolean dead;

	/** Whether the topic's creation was announced. */
	private boolean announced;

	/** The periodic task's timer, while the topic has subscribers. */
	private @Nullable Disposable periodic;

	LocalTopic(String uri, Route<TopicHandler> route, Shared shared) {
		this.uri = uri;
		this.subscriptionId = Wamp2Ids.subscriptionId(Wamp2Ids.EXACT, uri);
		this.route = route;
		this.shared = shared;
	}

	@Override
	public String uri() {
		return uri;
	}

	/** The WAMP v2 subscription id of every v2 subscriber of this topic. */
	long subscriptionId() {
		return subscriptionId;
	}

	/** The handler and variables this topic's URI was routed to. */
	Route<TopicHandler> route() {
		return route;
	}

	@Override
	public Set<WampConnection> subscribers() {
		return Set.copyOf(subscribers);
	}

	@Override
	public int size() {
		return subscribers.size();
	}

	// ---- membership (under this monitor)

	/**
	 * Adds a subscriber, announcing the topic and starting its periodic task when it is
	 * the first.
	 * @param connection the subscriber
	 * @return {@code false} when the topic is dead (the caller joins its successor)
	 */
	synchronized boolean join(DecoratedConnection connection) {
		if (dead) {
			return false;
		}
		if (subscribers.add(connection)) {
			connection.addSubscription(uri);
			if (!announced) {
				announced = true;
				startPeriodic();
				shared.lifecycle().announced(this);
			}
		}
		return true;
	}

	/**
	 * Removes a subscriber; the topic is dropped when it was the last one.
	 * @param connection the subscriber
	 * @return whether it was a subscriber
	 */
	synchronized boolean part(DecoratedConnection connection) {
		boolean removed = subscribers.remove(connection);
		dropIfEmpty();
		return removed;
	}

	/**
	 * Drops the topic when it has no subscribers (one refused by its handler, or whose
	 * last subscriber left): it becomes dead, leaves the registry and, when it was
	 * announced, is announced removed.
	 */
	synchronized void dropIfEmpty() {
		if (dead || !subscribers.isEmpty()) {
			return;
		}
		dead = true;
		if (announced) {
			stopPeriodic();
		}
		shared.lifecycle().dropped(this, announced);
	}

	/** Whether the topic left the registry. */
	synchronized boolean isDead() {
		return dead;
	}

	/** The periodic task's timer while it runs. */
	synchronized @Nullable Disposable periodic() {
		return periodic;
	}

	/** Stops the periodic task, if any (shutdown). */
	synchronized void stopPeriodic() {
		Disposable current = periodic;
		if (current != null) {
			current.dispose();
			periodic = null;
		}
	}

	private void startPeriodic() {
		PeriodicTask task;
		try {
			task = route.handler().periodicTask();
		}
		catch (RuntimeException ex) {
			logger.error("Topic handler {} failed to provide its periodic task", route.pattern(), ex);
			return;
		}
		if (task == null) {
			return;
		}
		long nanos = task.interval().toNanos();
		try {
			periodic = shared.timer().schedulePeriodically(() -> runPeriodic(task), nanos, nanos, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// The server is shutting down and its timer is gone; the subscription itself
			// still counts.
			logger.debug("Periodic task of topic {} not started: the server is shutting down", uri);
		}
	}

	private void runPeriodic(PeriodicTask task) {
		try {
			Object event = task.work().run(this, route.variables());
			if (event != null) {
				broadcast(event);
			}
		}
		catch (Throwable ex) {
			logger.error("Periodic task of topic {} failed", uri, ex);
		}
	}

	// ---- delivery (lock-free)

	@Override
	public int broadcast(@Nullable Object event, Set<String> exclude, @Nullable Set<String> eligible) {
		// the node's WAMP v2 pattern subscriptions that match this topic receive it too
		int patterned = shared.lifecycle().broadcast(this, event, exclude, eligible);
		if (exclude.isEmpty() && eligible == null) {
			return patterned + deliver(event, null);
		}
		// either id names the session (see Publication.Wamp2)
		return patterned + deliver(event,
				(connection) -> !exclude.contains(connection.sessionId())
						&& !exclude.contains(connection.v2SessionIdText())
						&& (eligible == null || eligible.contains(connection.sessionId())
								|| eligible.contains(connection.v2SessionIdText())));
	}

	/**
	 * Encodes {@code [8, uri, event]} once and queues the same frame for every subscriber
	 * the filter accepts.
	 * @param event the payload
	 * @param filter which subscribers receive it; {@code null} for all of them
	 * @return the number of subscribers it was queued for (not those closing or whose
	 * queue was full)
	 */
	int deliver(@Nullable Object event, @Nullable Predicate<DecoratedConnection> filter) {
		return deliver(event, null, filter);
	}

	/**
	 * Encodes the EVENT once per protocol and format that a receiving subscriber speaks
	 * ({@code [8, uri, event]} for v1, {@code [36, ...]} for v2) and queues the same
	 * frame for every subscriber of that kind the filter accepts.
	 * @param event the payload
	 * @param wamp2 what a v2 publisher added, or {@code null}
	 * @param filter which subscribers receive it; {@code null} for all of them
	 * @return the number of subscribers it was queued for
	 */
	int deliver(@Nullable Object event, Publication.@Nullable Wamp2 wamp2,
			@Nullable Predicate<DecoratedConnection> filter) {
		if (subscribers.isEmpty()) {
			return 0;
		}
		Frame.Text frame = null;
		Wamp2EventFrames v2Frames = null;
		int count = 0;
		try {
			for (DecoratedConnection subscriber : subscribers) {
				try {
					if (filter != null && !filter.test(subscriber)) {
						continue;
					}
					Frame out;
					if (subscriber instanceof Wamp2Connection v2) {
						if (v2Frames == null) {
							v2Frames = new Wamp2EventFrames(subscriptionId, event, wamp2);
						}
						out = v2Frames.frameFor(v2);
					}
					else {
						if (frame == null) {
							// held by this broadcast until every subscriber was offered
							// it
							frame = Frame.sharedUtf8(shared.codec().encodeToUtf8(new WampMessage.Event(uri, event)));
						}
						out = frame;
					}
					if (subscriber.offer(out)) {
						count++;
					}
				}
				catch (RuntimeException ex) {
					// One failing subscriber must not cost the others their event.
					logger.warn("Delivering an event on {} to session {} failed", uri, subscriber.sessionId(), ex);
				}
			}
		}
		finally {
			if (frame != null) {
				frame.release();
			}
			if (v2Frames != null) {
				v2Frames.release();
			}
		}
		if (count > 0) {
			shared.listener().messagesSent(WampMessage.EVENT, count);
		}
		return count;
	}

	@Override
	public String toString() {
		return "Topic[" + uri + ", " + subscribers.size() + " subscribers]";
	}

	/** What a topic's membership changes mean for the rest of the node. */
	interface Lifecycle {

		/**
		 * The topic has its first subscriber. Called under the topic's monitor.
		 * @param topic the topic
		 */
		void announced(LocalTopic topic);

		/**
		 * The topic is dead and must leave the registry. Called under the topic's
		 * monitor.
		 * @param topic the topic
		 * @param announced whether it had been announced (and must now be announced
		 * removed)
		 */
		void dropped(LocalTopic topic, boolean announced);

		/**
		 * The topic broadcasts an event of its own (periodic work, a hook): what else on
		 * this node besides its exact subscribers receives it.
		 * @param topic the topic
		 * @param event the payload
		 * @param exclude session ids (of either generation) to skip
		 * @param eligible session ids to deliver to; {@code null} for everyone
		 * @return how many other subscribers it was queued for
		 */
		int broadcast(LocalTopic topic, @Nullable Object event, Set<String> exclude, @Nullable Set<String> eligible);

	}

	/**
	 * What every topic of a server shares (one instance, so a topic costs no more fields
	 * than before).
	 *
	 * @param codec encodes EVENTs
	 * @param listener counts what is sent
	 * @param timer runs periodic tasks
	 * @param lifecycle told of membership changes
	 */
	record Shared(WampCodec codec, WampServerListener listener, Scheduler timer, Lifecycle lifecycle) {
	}

}
