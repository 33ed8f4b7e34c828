package dev.websocket.server.spring.observation;

import java.util.Map;

import dev.websocket.server.spring.observation.WampPublishObservationContext.PublishOutcome;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.topic.PeriodicTask;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.Topic;
import dev.websocket.server.wamp.topic.TopicHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Runs a topic handler's {@code onPublish} inside a {@code wamp.publish} observation (in
 * scope while it runs); every other hook is passed through as it is.
 */
final class ObservedTopicHandler implements TopicHandler {

	private static final DefaultWampPublishObservationConvention DEFAULT_CONVENTION = new DefaultWampPublishObservationConvention();

	private final String pattern;

	private final TopicHandler delegate;

	private final ObservationRegistry registry;

	private final @Nullable WampPublishObservationConvention convention;

	ObservedTopicHandler(String pattern, TopicHandler delegate, ObservationRegistry registry,
			@Nullable WampPublishObservationConvention convention) {
		this.pattern = pattern;
		this.delegate = delegate;
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public boolean onSubscribe(WampConnection connection, Topic topic, Map<String, String> variables) {
		return this.delegate.onSubscribe(connection, topic, variables);
	}

	@Override
	public void onUnsubscribe(WampConnection connection, Topic topic, Map<String, String> variables) {
		this.delegate.onUnsubscribe(connection, topic, variables);
	}

	@Override
	public @Nullable Publication onPublish(WampConnection publisher, Topic topic, Publication publication,
			Map<String, String> variables) {
		WampPublishObservationContext context = new WampPublishObservationContext(publisher, this.pattern, publication);
		Observation observation = Observation
			.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			Publication outgoing = this.delegate.onPublish(publisher, topic, publication, variables);
			context.outcome((outgoing != null) ? PublishOutcome.DELIVERED : PublishOutcome.DROPPED);
			return outgoing;
		}
		catch (RuntimeException | Error ex) {
			context.outcome(PublishOutcome.ERROR);
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	@Override
	public @Nullable PeriodicTask periodicTask() {
		return this.delegate.periodicTask();
	}

}
