package dev.websocket.server.spring.redis;

import dev.websocket.server.broker.Broker;
import dev.websocket.server.wamp.codec.WampCodec;
import io.micrometer.core.instrument.binder.MeterBinder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * Replaces the in-memory broker with a {@link RedisBroker} when
 * {@code websocket.server.broker.type=redis}, on the reactive Redis connection factory that Spring
 * Boot configures from {@code spring.data.redis.*}. Without such a factory the application fails
 * to start with a message saying what is missing.
 */
@AutoConfiguration(beforeName = "dev.websocket.server.spring.autoconfigure.WampServerAutoConfiguration",
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration" })
@ConditionalOnProperty(prefix = "websocket.server.broker", name = "type", havingValue = "redis")
@EnableConfigurationProperties(WampBrokerProperties.class)
public final class WampRedisBrokerAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
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
				.build();
		}

		@Bean
		RedisBrokerLifecycle wampRedisBrokerLifecycle(ObjectProvider<RedisBroker> broker) {
			return new RedisBrokerLifecycle(broker);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	static class RedisBrokerMetricsConfiguration {

		@Bean
		MeterBinder wampRedisBrokerMetrics(ObjectProvider<RedisBroker> broker) {
			return (registry) -> broker.ifAvailable((redisBroker) -> new RedisBrokerMetrics(redisBroker).bindTo(registry));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(type = "org.springframework.data.redis.connection.ReactiveRedisConnectionFactory")
	static class MissingConnectionFactoryConfiguration {

		@Bean
		@ConditionalOnMissingBean(Broker.class)
		Broker wampRedisBroker() {
			throw new IllegalStateException("websocket.server.broker.type=redis needs a ReactiveRedisConnectionFactory: "
					+ "add spring-boot-starter-data-redis-reactive and set spring.data.redis.*");
		}

	}

}
