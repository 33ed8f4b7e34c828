package dev.websocket.server.spring.annotation;

import dev.websocket.server.engine.WampServer;
import dev.websocket.server.engine.WampServerSettings;
import dev.websocket.server.spring.autoconfigure.WampServerProperties;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link AnnotatedWampHandlers}, which turns {@link WampRpc @WampRpc} methods
 * and {@link WampTopic @WampTopic} beans into handlers of the context's server, once
 * every singleton exists. Arguments are converted with the context's Jackson
 * {@link JsonMapper} (a default one when there is none); {@link Blocking @Blocking}
 * methods run on Reactor's shared {@link Schedulers#boundedElastic() bounded elastic}
 * scheduler (its thread and queue caps are Reactor's
 * {@code reactor.schedulers.defaultBoundedElasticSize} and
 * {@code reactor.schedulers.defaultBoundedElasticQueueSize} system properties); numbers
 * bound to {@code BigDecimal} and {@code BigInteger} parameters are bounded by
 * {@code websocket.server.limits.max-number-digits} and {@code max-number-exponent};
 * invalid-argument errors use the error URIs of the server in force
 * ({@link WampServerSettings#errors()}, handed to every invocation).
 * {@code websocket.server.enabled=false} turns it off with the rest of the starter.
 */
@AutoConfiguration(beforeName = "dev.websocket.server.spring.autoconfigure.WampServerAutoConfiguration")
@ConditionalOnClass(WampServer.class)
@ConditionalOnBooleanProperty(name = "websocket.server.enabled", matchIfMissing = true)
public final class WampAnnotationsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AnnotatedWampHandlers annotatedWampHandlers(ListableBeanFactory beanFactory, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<WampServerProperties> properties) {
		WampServerProperties.Limits limits = properties.getIfAvailable(WampServerProperties::new).getLimits();
		BoundedNumbers bounds = new BoundedNumbers(limits.getMaxNumberDigits(), limits.getMaxNumberExponent());
		return new AnnotatedWampHandlers(beanFactory,
				bounds.apply(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build())),
				Schedulers.boundedElastic());
	}

}
