package dev.websocket.server.engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.websocket.server.broker.Broker;
import dev.websocket.server.engine.WampServerListener.CallOutcome;
import dev.websocket.server.engine.WampServerListener.IgnoredReason;
import dev.websocket.server.middleware.Middleware;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.WampErrors;
import dev.websocket.server.wamp.WampException;
import dev.websocket.server.wamp.message.WampMessage;
import dev.websocket.server.wamp.routing.Route;
import dev.websocket.server.wamp.routing.UriRouter;
import dev.websocket.server.wamp.rpc.RpcHandler;
import dev.websocket.server.wamp.rpc.RpcInvocation;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import dev.websocket.server.support.Failures;

/**
 * The end of the middleware chain: updates subscriptions, answers CALLs and hands
 * publications to the broker. Runs on the connection's I/O thread; nothing here blocks.
 */
final class Dispatcher implements Middleware.Chain {

	private static final Logger logger = LoggerFactory.getLogger(Dispatcher.class);

	/** The description sent for unexpected handler failures; the cause is only logged. */
	static final String INTERNAL_ERROR_DESCRIPTION = "Internal error";

	private final WampServerSettings settings;

	private final UriRouter<RpcHandler> procedures;

	private final UriRouter<TopicHandler> topicHandlers;

	private final WampAuthorizer authorizer;

	private final TopicRegistry topics;

	private final Broker broker;

	private final WampServerListener listener;

	private final LiveConnections connections;

	Dispatcher(WampServerSettings settings, UriRouter<RpcHandler> procedures, UriRouter<TopicHandler> topicHandlers,
			WampAuthorizer authorizer, TopicRegistry topics, Broker broker, WampServerListener listener,
			LiveConnections connections) {
		this.settings = settings;
		this.procedures = procedures;
		this.topicHandlers = topicHandlers;
		this.authorizer = authorizer;
		this.topics = topics;
		this.broker = broker;
		this.listener = listener;
		this.connections = connections;
	}

	@Override
	public void onOpen(WampConnection connection) {
	}

	@Override
	public void onClose(WampConnection connection) {
		// Subscriptions are removed by the session after the chain, whatever the layers
		// did.
	}

	@Override
	public void onError(WampConnection connection, Throwable error) {
		listener.error(connection, error);
	}

	@Override
	public void onMessage(WampConnection connection, WampMessage message) {
		DecoratedConnection target = resolve(connection);
		if (target == null) {
			return;
		}
		if (message instanceof WampMessage.Call call) {
			call(target, call);
		}
		else if (message instanceof WampMessage.Subscribe subscribe) {
			subscribe(target, subscribe);
		}
		else if (message instanceof WampMessage.Unsubscribe unsubscribe) {
			unsubscribe(target, unsubscribe);
		}
		else if (message instanceof WampMessage.Publish publish) {
			publish(target, publish);
		}
		// PREFIX was handled on receipt; server-to-client types never arrive decoded from
		// a client.
	}

	private @Nullable DecoratedConnection resolve(WampConnection connection) {
		if (connection instanceof DecoratedConnection decorated) {
			return decorated;
		}
		// A layer wrapped the connection: work on the engine's own one.
		return (DecoratedConnection) connections.find(connection.sessionId())
			.filter(DecoratedConnection.class::isInstance)
			.orElse(null);
	}

	// ---- CALL

	private void call(DecoratedConnection connection, WampMessage.Call call) {
		long start = System.nanoTime();
		WampErrors errors = settings.errors();
		String uri = call.procUri();
		Optional<Route<RpcHandler>> found = procedures.route(uri);
		if (found.isEmpty()) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("code", 404);
			details.put("uri", uri);
			connection.callError(call.callId(), errors.noSuchProcedure(), "No such procedure: " + uri, details);
			listener.callCompleted(connection, null, CallOutcome.NO_SUCH_PROCEDURE, System.nanoTime() - start);
			return;
		}
		Route<RpcHandler> route = found.get();
		if (!isAllowed(connection, Action.CALL, uri)) {
			connection.callError(call.callId(), errors.notAuthorized(), "Not authorized: " + uri);
			listener.callCompleted(connection, route.pattern(), CallOutcome.NOT_AUTHORIZED, System.nanoTime() - start);
			return;
		}
		if (connection.incrementInFlightCalls() > settings.maxInFlightCalls()) {
			connection.decrementInFlightCalls();
			connection.callError(call.callId(), errors.tooManyCalls(), "Too many calls in flight");
			listener.callCompleted(connection, route.pattern(), CallOutcome.TOO_MANY_CALLS, System.nanoTime() - start);
			return;
		}
		PendingCall pending = new PendingCall(connection, call.callId(), uri, route.pattern(), start);
		Object result;
		try {
			result = route.handler()
				.handle(new RpcInvocation(connection, call.callId(), uri, route.pattern(), route.variables(),
						call.arguments()));
		}
		catch (Throwable ex) {
			pending.fail(ex);
			return;
		}
		if (result == null || !isAsync(result)) {
			pending.succeed(result);
			return;
		}
		Mono<?> mono = toMono(result);
		Duration timeout = settings.callTimeout();
		if (!timeout.isZero() && !timeout.isNegative()) {
			mono = mono.timeout(timeout);
		}
		Disposable subscription = mono.subscribe(pending::succeed, pending::fail, () -> pending.succeed(null));
		if (!pending.isAnswered()) {
			pending.track(subscription);
		}
	}

	private static boolean isAsync(Object result) {
		return result instanceof Publisher<?> || result instanceof CompletionStage<?>;
	}

	private static Mono<?> toMono(Object result) {
		if (result instanceof Mono<?> mono) {
			return mono;
		}
		if (result instanceof Publisher<?> publisher) {
			return Mono.from(publisher);
		}
		return Mono.fromCompletionStage((CompletionStage<?>) result);
	}

	/** One CALL awaiting its answer; answers exactly once. */
	private final class PendingCall {

		private final DecoratedConnection connection;

		private final String callId;

		private final String uri;

		private final String pattern;

		private final long start;

		private final AtomicBoolean answered = new AtomicBoolean();

		private volatile @Nullable Disposable subscription;

		PendingCall(DecoratedConnection connection, String callId, String uri, String pattern, long start) {
			this.connection = connection;
			this.callId = callId;
			this.uri = uri;
			this.pattern = pattern;
			this.start = start;
		}

		boolean isAnswered() {
			return answered.get();
		}

		void track(Disposable subscription) {
			this.subscription = subscription;
			connection.pendingCalls().add(subscription);
			if (answered.get()) {
				connection.pendingCalls().remove(subscription);
			}
		}

		private boolean claim() {
			if (!answered.compareAndSet(false, true)) {
				return false;
			}
			connection.decrementInFlightCalls();
			Disposable current = subscription;
			if (current != null) {
				connection.pendingCalls().remove(current);
			}
			return true;
		}

		void succeed(@Nullable Object value) {
			if (!claim()) {
				return;
			}
			try {
				connection.callResult(callId, value);
			}
			catch (RuntimeException ex) {
				// The result could not be encoded: answer with the generic error instead.
				logger.error("Result of procedure {} for session {} could not be sent", uri, connection.sessionId(),
						ex);
				listener.error(connection, ex);
				connection.callError(callId, settings.errors().internalError(), INTERNAL_ERROR_DESCRIPTION);
				done(CallOutcome.INTERNAL_ERROR);
				return;
			}
			done(CallOutcome.SUCCESS);
		}

		void fail(Throwable failure) {
			if (!claim()) {
				return;
			}
			Throwable error = Failures.unwrap(failure);
			if (error instanceof WampException wamp) {
				try {
					connection.callError(callId, wamp.errorUri(), wamp.description(), wamp.details());
					done(CallOutcome.APPLICATION_ERROR);
					return;
				}
				catch (RuntimeException ex) {
					error = ex;
				}
			}
			if (error instanceof TimeoutException) {
				logger.warn("Procedure {} for session {} timed out after {}", uri, connection.sessionId(),
						settings.callTimeout());
				connection.callError(callId, settings.errors().timeout(), "The call timed out");
				done(CallOutcome.TIMEOUT);
				return;
			}
			logger.error("Procedure {} failed for session {}", uri, connection.sessionId(), error);
			listener.error(connection, error);
			connection.callError(callId, settings.errors().internalError(), INTERNAL_ERROR_DESCRIPTION);
			done(CallOutcome.INTERNAL_ERROR);
		}

		private void done(CallOutcome outcome) {
			listener.callCompleted(connection, pattern, outcome, System.nanoTime() - start);
		}

	}

	// ---- SUBSCRIBE / UNSUBSCRIBE

	private void subscribe(DecoratedConnection connection, WampMessage.Subscribe message) {
		String uri = message.topicUri();
		Optional<Route<TopicHandler>> found = topicHandlers.route(uri);
		if (found.isEmpty()) {
			logger.debug("SUBSCRIBE from session {} to {} ignored: no topic handler", connection.sessionId(), uri);
			listener.messageIgnored(connection, message, IgnoredReason.NO_SUCH_TOPIC);
			return;
		}
		if (!isAllowed(connection, Action.SUBSCRIBE, uri)) {
			listener.messageIgnored(connection, message, IgnoredReason.NOT_AUTHORIZED);
			return;
		}
		if (connection.subscriptions().contains(uri)) {
			return;
		}
		if (connection.subscriptions().size() >= settings.maxSubscriptions()) {
			logger.debug("SUBSCRIBE from session {} to {} ignored: subscription limit", connection.sessionId(), uri);
			listener.messageIgnored(connection, message, IgnoredReason.LIMIT_REACHED);
			return;
		}
		Route<TopicHandler> route = found.get();
		LocalTopic topic = topics.obtain(uri, route);
		boolean accepted;
		try {
			accepted = route.handler().onSubscribe(connection, topic, route.variables());
		}
		catch (Throwable ex) {
			logger.error("Topic handler {} failed on subscribe of session {}", route.pattern(), connection.sessionId(),
					ex);
			listener.error(connection, ex);
			accepted = false;
		}
		if (!accepted || connection.isClosing()) {
			topics.dropIfEmpty(topic);
			if (!accepted) {
				listener.messageIgnored(connection, message, IgnoredReason.REFUSED);
			}
			return;
		}
		topics.subscribe(connection, topic);
		listener.subscribed(connection, uri);
		if (connection.isReleased()) {
			// The socket closed on another thread meanwhile; its cleanup may have missed
			// this one.
			leave(connection, uri);
		}
	}

	private void unsubscribe(DecoratedConnection connection, WampMessage.Unsubscribe message) {
		if (!connection.subscriptions().contains(message.topicUri())) {
			listener.messageIgnored(connection, message, IgnoredReason.NOT_SUBSCRIBED);
			return;
		}
		leave(connection, message.topicUri());
	}

	/**
	 * Removes one subscription, running the handler's unsubscribe hook.
	 * @param connection the subscriber
	 * @param uri the topic
	 */
	void leave(DecoratedConnection connection, String uri) {
		LocalTopic topic = topics.unsubscribe(connection, uri);
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

	// ---- PUBLISH

	private void publish(DecoratedConnection connection, WampMessage.Publish message) {
		String uri = message.topicUri();
		Optional<Route<TopicHandler>> found = topicHandlers.route(uri);
		if (found.isEmpty()) {
			logger.debug("PUBLISH from session {} to {} ignored: no topic handler", connection.sessionId(), uri);
			listener.messageIgnored(connection, message, IgnoredReason.NO_SUCH_TOPIC);
			return;
		}
		if (!isAllowed(connection, Action.PUBLISH, uri)) {
			listener.messageIgnored(connection, message, IgnoredReason.NOT_AUTHORIZED);
			return;
		}
		Set<String> eligible = (message.eligible() != null) ? Set.copyOf(message.eligible()) : null;
		Publication publication = new Publication(uri, message.event(), exclude(connection, message), eligible, null);
		Route<TopicHandler> route = found.get();
		Publication outgoing;
		try {
			outgoing = route.handler().onPublish(connection, publication, route.variables());
		}
		catch (Throwable ex) {
			logger.error("Topic handler {} failed on publish of session {}", route.pattern(), connection.sessionId(),
					ex);
			listener.error(connection, ex);
			return;
		}
		if (outgoing == null) {
			listener.messageIgnored(connection, message, IgnoredReason.DROPPED);
			return;
		}
		publish(outgoing).subscribe(null, (ex) -> {
			// local subscribers already have it; the broker reports its own outages
			// (rate-limited),
			// so a WARN per publish here would flood the log while the shared medium is
			// down
			logger.debug("Publication to {} from session {} did not reach other nodes", uri, connection.sessionId(),
					ex);
			listener.error(connection, ex);
		});
	}

	/**
	 * The sessions a PUBLISH skips: its exclude list, or the publisher for
	 * {@code excludeMe} true, or, with no fourth element, the publisher only when the
	 * server excludes it by default.
	 */
	private Set<String> exclude(DecoratedConnection publisher, WampMessage.Publish message) {
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
		LocalTopic topic = topics.get(publication.topicUri());
		if (topic == null) {
			return 0;
		}
		if (publication.isUnrestricted()) {
			return topic.deliver(publication.event(), null);
		}
		return topic.deliver(publication.event(),
				(subscriber) -> publication.accepts(subscriber.sessionId(), subscriber.principalName()));
	}

	private boolean isAllowed(DecoratedConnection connection, Action action, String uri) {
		try {
			return authorizer.isAllowed(connection, action, uri);
		}
		catch (Throwable ex) {
			logger.error("Authorizer failed for session {} on {} {}", connection.sessionId(), action, uri, ex);
			listener.error(connection, ex);
			return false;
		}
	}

}
