package dev.websocket.server.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.websocket.server.broker.Broker;
import dev.websocket.server.engine.WampServerListener.IgnoredReason;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.codec.WampCodec;
import dev.websocket.server.wamp.message.WampMessage;
import dev.websocket.server.wamp.routing.Route;
import dev.websocket.server.wamp.routing.UriRouter;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.Topic;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Publish/subscribe for every protocol: the topics of this node that have local
 * subscribers (a topic with none left is dropped), SUBSCRIBE and UNSUBSCRIBE with their
 * handler hooks, authorization and limit, PUBLISH through the topic's handler to the
 * broker, and the broker's local delivery. Each topic keeps its own membership state
 * ({@link LocalTopic}); this class keeps the registry and tells the broker and the
 * listener when a topic comes and goes. Runs on the connections' I/O threads; nothing
 * here blocks.
 */
final class Subscriptions implements LocalTopic.Lifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Subscriptions.class);

	private final Map<String, LocalTopic> topics = new ConcurrentHashMap<>();

	private final AtomicInteger announced = new AtomicInteger();

	private final WampServerSettings settings;

	private final UriRouter<TopicHandler> handlers;

	private final Authorization authorization;

	private final Broker broker;

	private final WampServerListener listener;

	private final LocalTopic.Shared shared;

	private final Wamp2Patterns patterns;

	Subscriptions(WampServerSettings settings, UriRouter<TopicHandler> handlers, Authorization authorization,
			WampCodec codec, Broker broker, WampServerListener listener, Scheduler timer) {
		this.settings = settings;
		this.handlers = handlers;
		this.authorization = authorization;
		this.broker = broker;
		this.listener = listener;
		this.shared = new LocalTopic.Shared(codec, listener, timer, this);
		this.patterns = new Wamp2Patterns(listener, broker);
	}

	/** The WAMP v2 pattern-based subscriptions of this node. */
	Wamp2Patterns patterns() {
		return patterns;
	}

	/**
	 * Whether a connection may subscribe to a pattern (the authorizer decides on the
	 * pattern itself).
	 * @param connection the subscriber
	 * @param pattern the pattern
	 * @return whether it is allowed
	 */
	boolean mayPatternSubscribe(DecoratedConnection connection, String pattern) {
		return authorization.isAllowed(connection, Action.SUBSCRIBE, pattern);
	}

	// ---- SUBSCRIBE / UNSUBSCRIBE

	/**
	 * Subscribes a connection to a topic, running the topic handler's subscribe hook.
	 * @param connection the subscriber
	 * @param message the SUBSCRIBE (what the listener is told about when it is ignored)
	 * @return why it was not subscribed, or {@code null} when it is (now or already)
	 */
	@Nullable IgnoredReason subscribe(DecoratedConnection connection, WampMessage.Subscribe message) {
		return subscribe(connection, message, null);
	}

	/**
	 * Subscribes a connection to a topic, running the topic handler's subscribe hook.
	 * @param connection the subscriber
	 * @param message the SUBSCRIBE (a session of another protocol passes its v1
	 * equivalent, which is what the listener sees)
	 * @param accepted runs once the subscription is accepted, just before the connection
	 * joins the topic (where a protocol that acknowledges a subscription answers, ahead
	 * of any EVENT); {@code null} for none
	 * @return why it was not subscribed, or {@code null} when it is (now or already)
	 */
	@Nullable IgnoredReason subscribe(DecoratedConnection connection, WampMessage.Subscribe message,
			@Nullable Runnable accepted) {
		String uri = message.topicUri();
		Optional<Route<TopicHandler>> found = handlers.route(uri);
		if (found.isEmpty()) {
			logger.debug("SUBSCRIBE from session {} to {} ignored: no topic handler", connection.sessionId(), uri);
			return ignored(connection, message, IgnoredReason.NO_SUCH_TOPIC);
		}
		if (!authorization.isAllowed(connection, Action.SUBSCRIBE, uri)) {
			return ignored(connection, message, IgnoredReason.NOT_AUTHORIZED);
		}
		if (connection.subscriptions().contains(uri)) {
			return null;
		}
		if (connection.subscriptions().size() >= settings.maxSubscriptions()) {
			logger.debug("SUBSCRIBE from session {} to {} ignored: subscription limit", connection.sessionId(), uri);
			return ignored(connection, message, IgnoredReason.LIMIT_REACHED);
		}
		Route<TopicHandler> route = found.get();
		LocalTopic topic = obtain(uri, route);
		boolean allowed;
		try {
			allowed = route.handler().onSubscribe(connection, topic, route.variables());
		}
		catch (Throwable ex) {
			logger.error("Topic handler {} failed on subscribe of session {}", route.pattern(), connection.sessionId(),
					ex);
			listener.error(connection, ex);
			allowed = false;
		}
		if (!allowed || connection.isClosing()) {
			topic.dropIfEmpty();
			return allowed ? IgnoredReason.REFUSED : ignored(connection, message, IgnoredReason.REFUSED);
		}
		if (accepted != null) {
			accepted.run();
		}
		join(connection, topic);
		listener.subscribed(connection, uri);
		if (connection.isReleased()) {
			// The socket closed on another thread meanwhile; its cleanup may have missed
			// this one.
			leave(connection, uri);
		}
		return null;
	}

	/**
	 * Unsubscribes a connection, running the handler's unsubscribe hook.
	 * @param connection the subscriber
	 * @param message the UNSUBSCRIBE
	 * @return why nothing was done, or {@code null} when it was unsubscribed
	 */
	@Nullable IgnoredReason unsubscribe(DecoratedConnection connection, WampMessage.Unsubscribe message) {
		if (!connection.subscriptions().contains(message.topicUri())) {
			return ignored(connection, message, IgnoredReason.NOT_SUBSCRIBED);
		}
		leave(connection, message.topicUri());
		return null;
	}

	/**
	 * Removes one subscription, running the handler's unsubscribe hook.
	 * @param connection the subscriber
	 * @param uri the topic
	 */
	void leave(DecoratedConnection connection, String uri) {
		LocalTopic topic = part(connection, uri);
		if (topic == null) {
			return;
		}
		Route<TopicHandler> route = topic.route();
		try {
			route.handler().onUnsubscribe(connection, topic, route.variables());
		}
		catch (Throwable ex) {
			logger.error("Topic handler {} failed on unsubscribe of session {}", route.pattern(),
					connection.sessionId(), ex);
			listener.error(connection, ex);
		}
		listener.unsubscribed(connection, uri);
	}

	/**
	 * Removes every subscription of a connection whose socket is gone.
	 * @param connection the subscriber, already released
	 */
	void leaveAll(DecoratedConnection connection) {
		for (String uri : List.copyOf(connection.subscriptions())) {
			try {
				leave(connection, uri);
			}
			catch (Throwable ex) {
				logger.error("Removing subscription {} of session {} failed", uri, connection.sessionId(), ex);
			}
		}
	}

	private @Nullable IgnoredReason ignored(DecoratedConnection connection, WampMessage message, IgnoredReason reason) {
		listener.messageIgnored(connection, message, reason);
		return reason;
	}

	// ---- PUBLISH

	/**
	 * Publishes for a connection: the topic's handler may change or drop the publication,
	 * then it goes to the broker.
	 * @param connection the publisher
	 * @param message the PUBLISH, as the listener sees it
	 * @param publication the publication asked for
	 * @return why it was not published, or {@code null} when it was handed to the broker
	 */
	@Nullable IgnoredReason publish(DecoratedConnection connection, WampMessage.Publish message, Publication publication) {
		String uri = publication.topicUri();
		Optional<Route<TopicHandler>> found = handlers.route(uri);
		if (found.isEmpty()) {
			logger.debug("PUBLISH from session {} to {} ignored: no topic handler", connection.sessionId(), uri);
			return ignored(connection, message, IgnoredReason.NO_SUCH_TOPIC);
		}
		if (!authorization.isAllowed(connection, Action.PUBLISH, uri)) {
			return ignored(connection, message, IgnoredReason.NOT_AUTHORIZED);
		}
		Route<TopicHandler> route = found.get();
		Publication outgoing;
		try {
			outgoing = route.handler().onPublish(connection, topic(uri), publication, route.variables());
		}
		catch (Throwable ex) {
			logger.error("Topic handler {} failed on publish of session {}", route.pattern(), connection.sessionId(),
					ex);
			listener.error(connection, ex);
			return IgnoredReason.DROPPED;
		}
		if (outgoing == null) {
			return ignored(connection, message, IgnoredReason.DROPPED);
		}
		publish(outgoing).subscribe(null, (ex) -> {
			// local subscribers already have it; the broker reports its own outages
			// (rate-limited), so a WARN per publish here would flood the log while the
			// shared medium is down
			logger.debug("Publication to {} from session {} did not reach other nodes", uri, connection.sessionId(),
					ex);
			listener.error(connection, ex);
		});
		return null;
	}

	/**
	 * The sessions a v1 PUBLISH skips: its exclude list, or the publisher for
	 * {@code excludeMe} true, or, with no fourth element, the publisher only when the
	 * server excludes it by default.
	 * @param publisher the publisher
	 * @param message the PUBLISH
	 * @return the session ids to skip
	 */
	Set<String> exclude(DecoratedConnection publisher, WampMessage.Publish message) {
		if (message.exclude() != null) {
			return Set.copyOf(message.exclude());
		}
		boolean excludeMe = (message.excludeMe() != null) ? message.excludeMe() : settings.excludePublisherByDefault();
		return excludeMe ? Set.of(publisher.sessionId()) : Set.of();
	}

	/**
	 * Hands a publication to the broker; failures to call it surface in the returned
	 * {@code Mono}.
	 * @param publication what to deliver
	 * @return completes once handed on
	 */
	Mono<Void> publish(Publication publication) {
		try {
			return broker.publish(publication);
		}
		catch (Throwable ex) {
			return Mono.error(ex);
		}
	}

	/**
	 * The broker's local delivery: to this node's subscribers of the topic that the
	 * publication accepts, the EVENT encoded once.
	 * @param publication what to deliver
	 * @return how many subscribers it was queued for
	 */
	int deliverLocally(Publication publication) {
		int patterned = patterns.deliver(publication);
		LocalTopic topic = topics.get(publication.topicUri());
		if (topic == null) {
			return patterned;
		}
		if (publication.isUnrestricted()) {
			return patterned + topic.deliver(publication.event(), publication.wamp2(), null);
		}
		return patterned + topic.deliver(publication.event(), publication.wamp2(),
				(subscriber) -> publication.accepts(subscriber.sessionId(), subscriber.v2SessionIdText(),
						subscriber.principalName(), subscriber.authid(), subscriber.authrole()));
	}

	// ---- the registry

	/**
	 * The topic a PUBLISH goes to, as its handler sees it: the live one, or a view that
	 * finds it should it appear (reads and broadcasts then reach its subscribers).
	 */
	private Topic topic(String uri) {
		LocalTopic topic = topics.get(uri);
		return (topic != null) ? topic : new TopicView(uri);
	}

	/** A topic without local subscribers when it was asked for. */
	private final class TopicView implements Topic {

		private final String uri;

		TopicView(String uri) {
			this.uri = uri;
		}

		@Override
		public String uri() {
			return uri;
		}

		@Override
		public Set<WampConnection> subscribers() {
			LocalTopic topic = topics.get(uri);
			return (topic != null) ? topic.subscribers() : Set.of();
		}

		@Override
		public int size() {
			LocalTopic topic = topics.get(uri);
			return (topic != null) ? topic.size() : 0;
		}

		@Override
		public int broadcast(@Nullable Object event, Set<String> exclude, @Nullable Set<String> eligible) {
			LocalTopic topic = topics.get(uri);
			return (topic != null) ? topic.broadcast(event, exclude, eligible) : 0;
		}

		@Override
		public String toString() {
			return "Topic[" + uri + ", " + size() + " subscribers]";
		}

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
		return topics.computeIfAbsent(uri, (key) -> new LocalTopic(key, route, shared));
	}

	/**
	 * Adds a subscriber without running any hook.
	 * @param connection the subscriber
	 * @param topic a topic from {@link #obtain}; if it was dropped meanwhile, its
	 * successor is used
	 * @return the topic the connection joined
	 */
	LocalTopic join(DecoratedConnection connection, LocalTopic topic) {
		LocalTopic target = topic;
		while (!target.join(connection)) {
			target = obtain(target.uri(), target.route());
		}
		return target;
	}

	/**
	 * Removes a subscriber without running any hook; the topic is dropped when it was the
	 * last one.
	 * @param connection the subscriber
	 * @param uri the topic URI
	 * @return the topic it left, or {@code null} when it was not subscribed
	 */
	@Nullable LocalTopic part(DecoratedConnection connection, String uri) {
		LocalTopic topic = topics.get(uri);
		connection.removeSubscription(uri);
		if (topic == null) {
			return null;
		}
		return topic.part(connection) ? topic : null;
	}

	/** Stops every periodic task (shutdown). */
	void stopPeriodicTasks() {
		for (LocalTopic topic : topics.values()) {
			topic.stopPeriodic();
		}
	}

	@Override
	public void announced(LocalTopic topic) {
		announced.incrementAndGet();
		try {
			broker.topicAdded(topic.uri());
		}
		catch (RuntimeException ex) {
			logger.warn("Broker failed on topic added {}", topic.uri(), ex);
		}
		listener.topicCreated(topic.uri());
	}

	/**
	 * A topic's own broadcast reaches the pattern subscriptions of this node that match
	 * it, as a publication to the topic does (it stays on this node, as the broadcast
	 * does for exact subscribers).
	 */
	@Override
	public int broadcast(LocalTopic topic, @Nullable Object event, Set<String> exclude,
			@Nullable Set<String> eligible) {
		return patterns.deliver(new Publication(topic.uri(), event, exclude, eligible, null));
	}

	@Override
	public void dropped(LocalTopic topic, boolean wasAnnounced) {
		topics.remove(topic.uri(), topic);
		if (!wasAnnounced) {
			return;
		}
		announced.decrementAndGet();
		try {
			broker.topicRemoved(topic.uri());
		}
		catch (RuntimeException ex) {
			logger.warn("Broker failed on topic removed {}", topic.uri(), ex);
		}
		listener.topicRemoved(topic.uri());
	}

}
