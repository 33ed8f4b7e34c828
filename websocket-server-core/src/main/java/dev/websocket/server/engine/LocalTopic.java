package dev.websocket.server.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.websocket.server.connection.Frame;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.codec.WampCodec;
import dev.websocket.server.wamp.message.WampMessage;
import dev.websocket.server.wamp.routing.Route;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.Topic;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * A topic of this node with its local subscribers. Membership changes are made by the
 * {@link TopicRegistry} under this object's monitor; broadcasting reads the concurrent
 * subscriber set without locking.
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

	private final WampCodec codec;

	private final WampServerListener listener;

	/**
	 * Set once the topic left the registry; a dead topic takes no subscribers. Guarded by
	 * this.
	 */
	boolean dead;

	/** Whether the topic's creation was announced. Guarded by this. */
	boolean announced;

	/** The periodic task's timer, while the topic has subscribers. Guarded by this. */
	@Nullable Disposable periodic;

	LocalTopic(String uri, Route<TopicHandler> route, WampCodec codec, WampServerListener listener) {
		this.uri = uri;
		this.subscriptionId = Wamp2Ids.subscriptionId(Wamp2Ids.EXACT, uri);
		this.route = route;
		this.codec = codec;
		this.listener = listener;
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

	/** The live subscriber set; change it only through the registry. */
	Set<DecoratedConnection> members() {
		return subscribers;
	}

	@Override
	public Set<WampConnection> subscribers() {
		return Set.copyOf(subscribers);
	}

	@Override
	public int size() {
		return subscribers.size();
	}

	@Override
	public int broadcast(@Nullable Object event, Set<String> exclude, @Nullable Set<String> eligible) {
		if (exclude.isEmpty() && eligible == null) {
			return deliver(event, null);
		}
		// either id names the session (see Publication.Wamp2)
		return deliver(event,
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
		Frame frame = null;
		Wamp2EventFrames v2Frames = null;
		int count = 0;
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
						frame = Frame.text(codec.encode(new WampMessage.Event(uri, event)));
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
		if (count > 0) {
			listener.messagesSent(WampMessage.EVENT, count);
		}
		return count;
	}

	@Override
	public String toString() {
		return "Topic[" + uri + ", " + subscribers.size() + " subscribers]";
	}

}
