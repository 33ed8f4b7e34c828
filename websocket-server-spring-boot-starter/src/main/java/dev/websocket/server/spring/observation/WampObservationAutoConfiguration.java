package dev.websocket.server.spring.observation;

import dev.websocket.server.engine.WampServer;
import dev.websocket.server.spring.autoconfigure.WampServerCustomizer;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Observes every CALL ({@code wamp.call}) and every client PUBLISH ({@code wamp.publish})
 * through the context's {@link ObservationRegistry}, so Boot's tracing records a span per
 * CALL and the handler's log lines carry its trace id. Conventions come from a
 * {@link WampCallObservationConvention} / {@link WampPublishObservationConvention} bean
 * when there is one. Every handler, annotated or registered by a customizer, is wrapped
 * through {@link WampServer.Builder#decorateProcedures} and
 * {@link WampServer.Builder#decorateTopics}; nothing is wrapped when the registry has no
 * handlers. Only with {@code websocket.server.observe-messages=true}: per-message
 * observations are opt-in, as in Spring's messaging projects. An
 * {@code ObservationPredicate} on the names {@code wamp.call} and {@code wamp.publish}
 * turns single ones off.
 */
@AutoConfiguration(beforeName = "dev.websocket.server.spring.autoconfigure.WampServerAutoConfiguration",
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ ObservationRegistry.class, WampServer.class })
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "websocket.server.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("websocket.server.observe-messages")
public final class WampObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "wampObservationCustomizer")
	WampServerCustomizer wampObservationCustomizer(ObservationRegistry registry,
			ObjectProvider<WampCallObservationConvention> callConvention,
			ObjectProvider<WampPublishObservationConvention> publishConvention) {
		return (builder) -> {
			if (registry.isNoop()) {
				return;
			}
			WampCallObservationConvention call = callConvention.getIfAvailable();
			WampPublishObservationConvention publish = publishConvention.getIfAvailable();
			builder.decorateProcedures((pattern, handler) -> new ObservedRpcHandler(handler, registry, call))
				.decorateTopics((pattern, handler) -> new ObservedTopicHandler(pattern, handler, registry, publish));
		};
	}

}
