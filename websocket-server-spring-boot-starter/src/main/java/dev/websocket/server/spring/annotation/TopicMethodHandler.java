package dev.websocket.server.spring.annotation;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.WampException;
import dev.websocket.server.wamp.topic.PeriodicTask;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.Topic;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * Handles the topics of a {@link WampTopic @WampTopic} bean with its annotated methods;
 * what the bean does not declare keeps the {@link TopicHandler} default.
 */
final class TopicMethodHandler implements TopicHandler {

	private static final Logger logger = LoggerFactory.getLogger(TopicMethodHandler.class);

	private final String beanName;

	private final @Nullable Bound subscribe;

	private final @Nullable Bound unsubscribe;

	private final @Nullable Bound publish;

	private final @Nullable PeriodicTask periodicTask;

	/**
	 * Topics whose {@code @Blocking @Periodic} run is still going: their next ticks are
	 * skipped.
	 */
	private final Set<String> periodicRunning = ConcurrentHashMap.newKeySet();

	/**
	 * @param beanName the bean's name
	 * @param subscribe the {@code @OnSubscribe} method, if any
	 * @param unsubscribe the {@code @OnUnsubscribe} method, if any
	 * @param publish the {@code @OnPublish} method, if any
	 * @param periodic the {@code @Periodic} method, if any
	 * @param interval the periodic method's interval
	 */
	TopicMethodHandler(String beanName, @Nullable Bound subscribe, @Nullable Bound unsubscribe, @Nullable Bound publish,
			@Nullable Bound periodic, @Nullable Duration interval) {
		this.beanName = beanName;
		this.subscribe = subscribe;
		this.unsubscribe = unsubscribe;
		this.publish = publish;
		this.periodicTask = (periodic != null && interval != null)
				? new PeriodicTask(interval, (topic, variables) -> runPeriodic(periodic, topic, variables)) : null;
	}

	@Override
	public boolean onSubscribe(WampConnection connection, Topic topic, Map<String, String> variables) {
		Bound subscribe = this.subscribe;
		if (subscribe == null) {
			return true;
		}
		@Nullable Object[] values;
		try {
			values = subscribe.binding().resolve(HandlerContext.forTopic(connection, topic, variables, null));
		}
		catch (WampException ex) {
			// a URI variable the client chose does not convert: its mistake, not a fault
			logger.debug("Refused a subscription to {}: {}", topic.uri(), ex.description());
			return false;
		}
		return !Boolean.FALSE.equals(subscribe.method().invokeUnchecked(values));
	}

	@Override
	public void onUnsubscribe(WampConnection connection, Topic topic, Map<String, String> variables) {
		Bound unsubscribe = this.unsubscribe;
		if (unsubscribe == null) {
			return;
		}
		HandlerContext context = HandlerContext.forTopic(connection, topic, variables, null);
		Scheduler scheduler = unsubscribe.blockingScheduler();
		if (scheduler == null) {
			unsubscribe.invoke(context);
			return;
		}
		@Nullable Object[] values = unsubscribe.binding().resolve(context);
		scheduler.schedule(() -> {
			try {
				unsubscribe.method().invokeUnchecked(values);
			}
			catch (RuntimeException ex) {
				logger.warn("@OnUnsubscribe {} failed", unsubscribe.method().description(), ex);
			}
		});
	}

	@Override
	public @Nullable Publication onPublish(WampConnection publisher, Topic topic, Publication publication,
			Map<String, String> variables) {
		Bound publish = this.publish;
		if (publish == null) {
			return publication;
		}
		@Nullable Object[] values;
		try {
			values = publish.binding().resolve(HandlerContext.forTopic(publisher, topic, variables, publication));
		}
		catch (RuntimeException ex) {
			if (logger.isDebugEnabled()) {
				ValueConverter event = publish.binding().event();
				logger.debug("Dropped a publication to {}: {}", publication.topicUri(),
						(event != null) ? "its event is not " + event.expected() : "a URI variable does not convert");
			}
			return null;
		}
		Object result = publish.method().invokeUnchecked(values);
		Class<?> returnType = publish.method().method().getReturnType();
		if (returnType == void.class || returnType == Void.class) {
			return publication;
		}
		if (result == null) {
			return null;
		}
		if (result instanceof Publication transformed) {
			return transformed;
		}
		return publication.withEvent(result);
	}

	@Override
	public @Nullable PeriodicTask periodicTask() {
		return this.periodicTask;
	}

	private @Nullable Object runPeriodic(Bound periodic, Topic topic, Map<String, String> variables) {
		HandlerContext context = HandlerContext.forTopic(null, topic, variables, null);
		Scheduler scheduler = periodic.blockingScheduler();
		try {
			if (scheduler == null) {
				return periodic.invoke(context);
			}
			@Nullable Object[] values = periodic.binding().resolve(context);
			if (!this.periodicRunning.add(topic.uri())) {
				// a slow run would otherwise pile up one blocking task per tick
				logger.debug("@Periodic {} still running for {}: tick skipped", periodic.method().description(),
						topic.uri());
				return null;
			}
			try {
				scheduler.schedule(() -> {
					try {
						Object event = periodic.method().invokeUnchecked(values);
						if (event != null) {
							topic.broadcast(event);
						}
					}
					catch (RuntimeException ex) {
						logger.warn("@Periodic {} failed for {}", periodic.method().description(), topic.uri(), ex);
					}
					finally {
						this.periodicRunning.remove(topic.uri());
					}
				});
			}
			catch (RuntimeException ex) {
				this.periodicRunning.remove(topic.uri());
				throw ex;
			}
			return null;
		}
		catch (RuntimeException ex) {
			logger.warn("@Periodic {} failed for {}", periodic.method().description(), topic.uri(), ex);
			return null;
		}
	}

	@Override
	public String toString() {
		return "@WampTopic bean '" + this.beanName + "'";
	}

	/**
	 * A topic method with its parameter binding.
	 *
	 * @param method the method
	 * @param binding its parameters
	 * @param blockingScheduler where it runs, or {@code null} to run on the calling
	 * thread
	 */
	record Bound(BeanMethod method, ParameterBinding binding, @Nullable Scheduler blockingScheduler) {

		@Nullable Object invoke(HandlerContext context) {
			return this.method.invokeUnchecked(this.binding.resolve(context));
		}
	}

}
