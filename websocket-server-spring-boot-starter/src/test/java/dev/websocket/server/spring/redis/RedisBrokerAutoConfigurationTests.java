package dev.websocket.server.spring.redis;

import java.time.Duration;

import dev.websocket.server.broker.Broker;
import dev.websocket.server.broker.InMemoryBroker;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.spring.autoconfigure.WampServerAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

class RedisBrokerAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class,
				DataRedisReactiveAutoConfiguration.class, WampRedisBrokerAutoConfiguration.class,
				WampServerAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=6379");

	@Test
	void inMemoryBrokerByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(RedisBroker.class);
			assertThat(context.getBean(Broker.class)).isInstanceOf(InMemoryBroker.class);
		});
	}

	@Test
	void inMemoryBrokerWhenAskedFor() {
		this.runner.withPropertyValues("websocket.server.broker.type=in-memory").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(RedisBroker.class);
			assertThat(context.getBean(Broker.class)).isInstanceOf(InMemoryBroker.class);
		});
	}

	@Test
	void redisBrokerServesTheWampServerWhenTypeIsRedis() {
		this.runner.withPropertyValues("websocket.server.broker.type=redis").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(RedisBroker.class).hasSingleBean(Broker.class);
			RedisBroker broker = context.getBean(RedisBroker.class);
			assertThat(context.getBean(WampServer.class).broker()).isSameAs(broker);
			assertThat(broker.channelName("chat/lobby")).isEqualTo("wamp:topic:chat/lobby");
		});
	}

	@Test
	void propertiesAreBound() {
		this.runner.withPropertyValues("websocket.server.broker.type=redis",
				"websocket.server.broker.redis.channel-prefix=app:", "websocket.server.broker.redis.command-timeout=3s",
				"websocket.server.broker.redis.health-check-interval=250ms",
				"websocket.server.broker.redis.reconnect-min-backoff=50ms",
				"websocket.server.broker.redis.reconnect-max-backoff=2s",
				"websocket.server.broker.redis.max-pending-publishes=5",
				"websocket.server.broker.redis.failure-log-interval=1m",
				"websocket.server.broker.redis.callee-prefix=app-callee:",
				"websocket.server.broker.redis.callee-ttl=7s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				WampBrokerProperties.Redis redis = context.getBean(WampBrokerProperties.class).redis();
				assertThat(redis).isEqualTo(new WampBrokerProperties.Redis("app:", Duration.ofSeconds(3),
						Duration.ofMillis(250), Duration.ofMillis(50), Duration.ofSeconds(2), 5, Duration.ofMinutes(1),
						"app-callee:", Duration.ofSeconds(7)));
				assertThat(context.getBean(RedisBroker.class).channelName("t")).isEqualTo("app:t");
			});
	}

	@Test
	void defaultsAreDocumentedValues() {
		this.runner.withPropertyValues("websocket.server.broker.type=redis").run((context) -> {
			WampBrokerProperties properties = context.getBean(WampBrokerProperties.class);
			assertThat(properties.type()).isEqualTo(WampBrokerProperties.Type.REDIS);
			assertThat(properties.redis()).isEqualTo(new WampBrokerProperties.Redis("wamp:topic:",
					Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(5), 10_000,
					Duration.ofSeconds(10), "wamp:callee:", Duration.ofSeconds(5)));
		});
	}

	@Test
	void backsOffForTheApplicationsOwnBroker() {
		this.runner.withPropertyValues("websocket.server.broker.type=redis")
			.withUserConfiguration(OwnBrokerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(RedisBroker.class);
				assertThat(context.getBean(Broker.class)).isSameAs(context.getBean("ownBroker"));
			});
	}

	@Test
	void failsToStartWithoutAConnectionFactory() {
		this.runner.withPropertyValues("websocket.server.broker.type=redis")
			.withClassLoader(new FilteredClassLoader(ReactiveRedisConnectionFactory.class))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("needs a ReactiveRedisConnectionFactory"));
	}

	@Test
	void failsToStartWhenRedisIsNotConfigured() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
					WampRedisBrokerAutoConfiguration.class, WampServerAutoConfiguration.class))
			.withPropertyValues("websocket.server.broker.type=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("needs a ReactiveRedisConnectionFactory"));
	}

	@Test
	void failsToStartOnAMistypedBrokerType() {
		this.runner.withPropertyValues("websocket.server.broker.type=redsi")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("websocket.server.broker.type")
				.rootCause()
				.hasMessageContaining("redsi"));
	}

	@Test
	void metricsAreBoundWhenMicrometerIsPresent() {
		this.runner.withPropertyValues("websocket.server.broker.type=redis").run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(registry));
			assertThat(registry.get("wamp.broker.publishes").functionCounter().count()).isZero();
			assertThat(registry.get("wamp.broker.receives").functionCounter().count()).isZero();
			assertThat(registry.get("wamp.broker.failures").tag("kind", "publish").functionCounter().count()).isZero();
			assertThat(registry.get("wamp.broker.failures").tag("kind", "receive").functionCounter().count()).isZero();
			assertThat(registry.get("wamp.broker.redis.subscriptions").gauge().value()).isZero();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBrokerConfiguration {

		@Bean
		Broker ownBroker() {
			return new InMemoryBroker();
		}

	}

}
