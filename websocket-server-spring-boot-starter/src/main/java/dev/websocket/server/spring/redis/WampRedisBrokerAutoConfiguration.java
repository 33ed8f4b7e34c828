package dev.websocket.server.spring.redis;

import dev.websocket.server.broker.Broker;
import dev.websocket.server.spring.diagnostics.WampConfigurationException;
import dev.websocket.server.wamp.codec.WampCodec;
import io.micrometer.core.instrument.binder.MeterBinder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * Replaces the in-memory broker with a {@link RedisBroker} when
 * {@code websocket.server.broker.type=redis}, on the reactive Redis connection factory
 * that Spring Boot configures from {@code spring.data.redis.*}. Without such a factory
 * the application fails to start with a message saying what is missing. The
 * {@code websocket.server.broker.*} properties are bound whatever the broker type, so
 * that a mistyped type (say {@code websocket.server.broker.type=redsi}) fails the start
 * with the valid values instead of silently leaving the node on the in-memory broker.
 */
@AutoConfiguration(beforeName = "dev.websocket.server.spring.autoconfigure.WampServerAutoConfiguration",
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "websocket.server.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WampBrokerProperties.class)
public final class WampRedisBrokerAutoConfiguration {

	private static final String BROKER_TYPE = "websocket.server.broker.type";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = BROKER_TYPE, havingValue = "redis")
	@ConditionalOnClass(ReactiveRedisConnectionFactory.class)
	@ConditionalOnBean(ReactiveRedisConnectionFactory.class)
	static class RedisBrokerConfiguration {

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean(Broker.class)
		RedisBroker wampRedisBroker(ReactiveRedisConnectionFactory connectionFactory, WampBrokerProperties properties,
				ObjectProvider<WampCodec> codec, ObjectProvider<JsonMapper> mapper) {
			WampBrokerProperties.Redis redis = properties.redis();
			WampCodec wampCodec = codec.getIfUnique();
			JsonMapper jsonMapper = (wampCodec != null) ? wampCodec.mapper()
					: mapper.getIfUnique(() -> JsonMapper.builder().build());
			return RedisBroker.builder(connectionFactory)
				.mapper(jsonMapper)
				.channelPrefix(redis.channelPrefix())
				.commandTimeout(redis.commandTimeout())
				.healthCheckInterval(redis.healthCheckInterval())
				.reconnectBackoff(redis.reconnectMinBackoff(), redis.reconnectMaxBackoff())
				.maxPendingPublishes(redis.maxPendingPublishes())
				.failureLogInterval(redis.failureLogInterval())
				.calleePrefix(redis.calleePrefix())
				.calleeTtl(redis.calleeTtl())
				.build();
		}

		@Bean
		@ConditionalOnMissingBean
		RedisBrokerLifecycle wampRedisBrokerLifecycle(ObjectProvider<RedisBroker> broker) {
			return new RedisBrokerLifecycle(broker);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = BROKER_TYPE, havingValue = "redis")
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	static class RedisBrokerMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "wampRedisBrokerMetrics")
		MeterBinder wampRedisBrokerMetrics(ObjectProvider<RedisBroker> broker) {
			return (registry) -> broker
				.ifAvailable((redisBroker) -> new RedisBrokerMetrics(redisBroker).bindTo(registry));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = BROKER_TYPE, havingValue = "redis")
	@ConditionalOnMissingBean(type = "org.springframework.data.redis.connection.ReactiveRedisConnectionFactory")
	static class MissingConnectionFactoryConfiguration {

		@Bean
		@ConditionalOnMissingBean(Broker.class)
		Broker wampRedisBroker() {
			throw new WampConfigurationException(
					"websocket.server.broker.type=redis needs a ReactiveRedisConnectionFactory, and there is none.",
					"Add spring-boot-starter-data-redis-reactive and set spring.data.redis.*, "
							+ "or set websocket.server.broker.type=in-memory.");
		}

	}

}
