package dev.websocket.server.spring.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.websocket.server.broker.Broker;
import dev.websocket.server.broker.InMemoryBroker;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.engine.Action;
import dev.websocket.server.engine.Connections;
import dev.websocket.server.engine.WampAuthorizer;
import dev.websocket.server.middleware.HandshakeRejectedException;
import dev.websocket.server.middleware.Middleware;
import dev.websocket.server.testing.InMemoryTransport;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.message.WampMessage;
import dev.websocket.server.engine.OverflowPolicy;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.engine.WampServerSettings;
import dev.websocket.server.spring.actuate.WampHealthAutoConfiguration;
import dev.websocket.server.spring.actuate.WampServerHealthIndicator;
import dev.websocket.server.spring.event.WampEventPublishingListener;
import dev.websocket.server.spring.metrics.WampMetricsAutoConfiguration;
import dev.websocket.server.spring.metrics.WampMetricsListener;
import dev.websocket.server.spring.push.WampTemplate;
import dev.websocket.server.spring.webflux.WampHandshakeWebHandler;
import dev.websocket.server.spring.webflux.WampNettyServerCustomizer;
import dev.websocket.server.wamp.WampErrors;
import dev.websocket.server.wamp.topic.Publication;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WampServerAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WampServerAutoConfiguration.class,
				WampMetricsAutoConfiguration.class, WampHealthAutoConfiguration.class));

	@Test
	void isOnByDefaultWithEveryBean() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(WampServer.class)
				.hasSingleBean(Broker.class)
				.hasSingleBean(Connections.class)
				.hasSingleBean(WampTemplate.class)
				.hasSingleBean(WampNettyServerCustomizer.class)
				.hasSingleBean(WampHandshakeWebHandler.class)
				.hasSingleBean(WampEventPublishingListener.class)
				.hasSingleBean(WampServerHealthIndicator.class)
				.hasBean("wampHandlerMapping");
			assertThat(context.getBean(Broker.class)).isInstanceOf(InMemoryBroker.class);
			assertThat(context.getBean(WampServer.class).broker()).isSameAs(context.getBean(Broker.class));
			SimpleUrlHandlerMapping mapping = context.getBean("wampHandlerMapping", SimpleUrlHandlerMapping.class);
			assertThat(mapping.getUrlMap()).containsOnlyKeys("/ws");
			assertThat(mapping.getOrder()).isLessThan(-1);
			assertThat(context.getBean(WampServer.class).settings()).isEqualTo(WampServerSettings.defaults());
		});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void saysWhereTheEndpointIsServedInOneInfoLineAtStartUp(CapturedOutput output) {
		this.runner.withPropertyValues("websocket.server.path=/wamp").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).containsOnlyOnce(
					"WAMP endpoint at path '/wamp' (subprotocols wamp, wamp.2.json, wamp.2.cbor; broker InMemoryBroker)");
		});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void startUpLineNamesOnlyTheSubprotocolsServed(CapturedOutput output) {
		this.runner
			.withPropertyValues("websocket.server.protocols.v2-json.enabled=false",
					"websocket.server.protocols.v2-cbor.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output)
					.containsOnlyOnce("WAMP endpoint at path '/ws' (subprotocols wamp; broker InMemoryBroker)");
			});
	}

	@Test
	void isOffWhenDisabled() {
		this.runner.withPropertyValues("websocket.server.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(WampServer.class)
				.doesNotHaveBean(WampTemplate.class)
				.doesNotHaveBean("wampHandlerMapping");
		});
	}

	@Test
	void isOffInANonReactiveApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WampServerAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WampServer.class));
	}

	@Test
	void backsOffToTheApplicationsServerBrokerAndTemplate() {
		this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(WampServer.class)).isSameAs(context.getBean("userServer"));
			assertThat(context.getBean(Broker.class)).isSameAs(context.getBean("userBroker"));
			assertThat(context.getBean(WampTemplate.class)).isSameAs(context.getBean("userTemplate"));
		});
	}

	@Test
	void usesTheApplicationsBrokerForItsOwnServer() {
		this.runner.withBean("userBroker", Broker.class, RecordingBroker::new).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(WampServer.class).broker()).isSameAs(context.getBean("userBroker"));
			context.getBean(WampTemplate.class).publish("http://example.com/t", "x").block(Duration.ofSeconds(5));
			assertThat(((RecordingBroker) context.getBean("userBroker")).published).hasSize(1);
		});
	}

	@Test
	void bindsEveryProperty() {
		this.runner
			.withPropertyValues("websocket.server.path=/wamp", "websocket.server.allowed-origins=https://a.example",
					"websocket.server.blocked-addresses=10.0.0.0/8", "websocket.server.allowed-addresses=127.0.0.1,::1",
					"websocket.server.strict-subprotocol=false", "websocket.server.server-ident=test/1",
					"websocket.server.error-uri-base=urn:err#", "websocket.server.exclude-publisher=true",
					"websocket.server.keep-alive.ping-interval=5s",
					"websocket.server.keep-alive.max-unanswered-pings=3", "websocket.server.max-frame-size=16KB",
					"websocket.server.max-message-size=128KB", "websocket.server.max-uri-length=512",
					"websocket.server.limits.max-subscriptions=10", "websocket.server.limits.max-prefixes=11",
					"websocket.server.limits.max-in-flight-calls=12", "websocket.server.call-timeout=7s",
					"websocket.server.outbound.max-messages=13", "websocket.server.outbound.max-bytes=2MB",
					"websocket.server.outbound.overflow-policy=drop", "websocket.server.handshake-timeout=3s",
					"websocket.server.idle-timeout=2m", "websocket.server.shutdown-grace=1s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				WampServerProperties properties = context.getBean(WampServerProperties.class);
				assertThat(properties.getPath()).isEqualTo("/wamp");
				assertThat(properties.getAllowedOrigins()).containsExactly("https://a.example");
				assertThat(properties.getBlockedAddresses()).containsExactly("10.0.0.0/8");
				assertThat(properties.getAllowedAddresses()).containsExactly("127.0.0.1", "::1");
				assertThat(properties.isStrictSubprotocol()).isFalse();
				assertThat(properties.getMaxFrameSize()).isEqualTo(DataSize.ofKilobytes(16));
				assertThat(properties.getHandshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
				assertThat(properties.getShutdownGrace()).isEqualTo(Duration.ofSeconds(1));
				assertThat(context.getBean(WampServer.class).settings()).isEqualTo(WampServerSettings.builder()
					.serverIdent("test/1")
					.errors(new WampErrors("urn:err#"))
					.excludePublisherByDefault(true)
					.maxPrefixes(11)
					.maxSubscriptions(10)
					.maxInFlightCalls(12)
					.maxUriLength(512)
					.maxMessageSize(128 * 1024)
					.outboundMaxMessages(13)
					.outboundMaxBytes(2 * 1024 * 1024)
					.overflowPolicy(OverflowPolicy.DROP)
					.pingInterval(Duration.ofSeconds(5))
					.maxUnansweredPings(3)
					.callTimeout(Duration.ofSeconds(7))
					.build());
				assertThat(context.getBean("wampHandlerMapping", SimpleUrlHandlerMapping.class).getUrlMap())
					.containsOnlyKeys("/wamp");
			});
	}

	@Test
	void refusesANonPositiveSizeAtStartUp() {
		this.runner.withPropertyValues("websocket.server.max-frame-size=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("max-frame-size must be between");
		});
	}

	@Test
	void refusesAnEngineLimitOutOfRangeWhenBindingNamingTheProperty() {
		this.runner.withPropertyValues("websocket.server.outbound.max-messages=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("Binding validation errors")
				.hasStackTraceContaining(
						"websocket.server.outbound.max-messages: outboundMaxMessages must be at least 1");
		});
	}

	@Test
	void refusesAPathWithoutALeadingSlashWhenBinding() {
		this.runner.withPropertyValues("websocket.server.path=ws").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("Binding validation errors")
				.hasStackTraceContaining("websocket.server.path must start with '/'");
		});
	}

	@Test
	void takesAZeroCallTimeoutAsNoTimeout() {
		this.runner.withPropertyValues("websocket.server.call-timeout=0").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(WampServer.class).settings().callTimeout()).isZero();
		});
	}

	@Test
	void refusesANegativeCallTimeoutWhenBinding() {
		this.runner.withPropertyValues("websocket.server.call-timeout=-1s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("websocket.server.call-timeout: callTimeout must not be negative");
		});
	}

	@Test
	void refusesAnInvalidBlockedAddressAtStartUp() {
		this.runner.withPropertyValues("websocket.server.blocked-addresses=not-an-address").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("not-an-address");
		});
	}

	@Test
	void failsTheStartForADuplicateProcedurePatternFromTwoCustomizers() {
		this.runner.withUserConfiguration(DuplicateProcedures.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("Invalid WAMP server configuration from")
				.hasStackTraceContaining("sample/sum");
		});
	}

	@Test
	void failsTheStartForABadPattern() {
		this.runner
			.withBean(WampServerCustomizer.class, () -> (builder) -> builder.rpc("calc/{op", (invocation) -> null))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining("Invalid WAMP server configuration from")
					.hasStackTraceContaining("calc/{op");
			});
	}

	@Test
	void appliesCustomizersInOrder() {
		this.runner.withUserConfiguration(OrderedCustomizers.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(OrderedCustomizers.class).applied).containsExactly("first", "second");
		});
	}

	@Test
	void runsTheApplicationsMiddlewareAfterTheBuiltInHandshakeLayers() {
		List<String> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.runner.withBean(Middleware.class, () -> new Middleware() {
			@Override
			public void onOpen(WampConnection connection, Chain chain) {
				opened.add(connection.sessionId());
				chain.onOpen(connection);
			}
		}).run((context) -> {
			InMemoryTransport transport = new InMemoryTransport(context.getBean(WampServer.class));
			InMemoryTransport.Client client = transport.connect(nativeClient());
			client.welcome();
			assertThat(opened).containsExactly(client.sessionId());
			// a refused handshake never reaches the application's layer
			HttpRequest foreign = new HttpRequest(URI.create("ws://localhost/ws"),
					Map.of("origin", List.of("https://evil.example"), "host", List.of("localhost")), Map.of(),
					"127.0.0.1", List.of("wamp"), null);
			assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> transport.connect(foreign));
			assertThat(opened).hasSize(1);
		});
	}

	@Test
	void asksTheApplicationsAuthorizer() {
		this.runner.withBean(WampAuthorizer.class, () -> (connection, action, uri) -> action != Action.CALL)
			.withBean(WampServerCustomizer.class, () -> (builder) -> builder.rpc("sample/sum", (invocation) -> 1))
			.run((context) -> {
				InMemoryTransport.Client client = new InMemoryTransport(context.getBean(WampServer.class))
					.connect(nativeClient());
				client.welcome();
				client.send("[2,\"c1\",\"sample/sum\"]");
				WampMessage.CallError error = client.next(WampMessage.CallError.class);
				assertThat(error.errorUri()).isEqualTo(WampErrors.DEFAULT.notAuthorized());
			});
	}

	@Test
	void recordsMetricsWhenAMeterRegistryIsPresent() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(WampMetricsListener.class);
			assertThat(context.getBean(MeterRegistry.class).find("wamp.connections").gauge()).isNotNull();
		});
	}

	@Test
	void recordsNoMetricsWhenTheServerIsOff() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("websocket.server.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WampMetricsListener.class));
	}

	@Test
	void recordsNoMetricsWithoutAMeterRegistry() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WampMetricsListener.class));
	}

	@Test
	void reportsHealthUpWithDetailsWhileTheBrokerIsAvailable() {
		this.runner.run((context) -> {
			Health health = context.getBean(WampServerHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("connections", 0)
				.containsEntry("topics", 0)
				.containsEntry("broker", "InMemoryBroker");
		});
	}

	@Test
	void reportsHealthDownWhenTheBrokerIsUnavailable() {
		this.runner.withBean("userBroker", Broker.class, () -> new RecordingBroker(false)).run((context) -> {
			Health health = context.getBean(WampServerHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("broker", "RecordingBroker");
		});
	}

	@Test
	void contributesNoHealthWhenTurnedOff() {
		this.runner.withPropertyValues("management.health.wamp.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WampServerHealthIndicator.class));
	}

	/** An upgrade request from a non-browser client (no Origin) offering wamp. */
	private static HttpRequest nativeClient() {
		return new HttpRequest(URI.create("ws://localhost/ws"), Map.of(), Map.of(), "127.0.0.1", List.of("wamp"), null);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		Broker userBroker() {
			return new InMemoryBroker();
		}

		@Bean
		WampServer userServer(Broker userBroker) {
			return WampServer.builder().broker(userBroker).build();
		}

		@Bean
		WampTemplate userTemplate(WampServer userServer) {
			return new WampTemplate(userServer);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateProcedures {

		@Bean
		WampServerCustomizer firstSum() {
			return (builder) -> builder.rpc("sample/sum", (invocation) -> 1);
		}

		@Bean
		WampServerCustomizer secondSum() {
			return (builder) -> builder.rpc("sample/sum", (invocation) -> 2);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizers {

		final List<String> applied = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Bean
		@Order(2)
		WampServerCustomizer second() {
			return (builder) -> this.applied.add("second");
		}

		@Bean
		@Order(1)
		WampServerCustomizer first() {
			return (builder) -> this.applied.add("first");
		}

	}

	static final class RecordingBroker implements Broker {

		final List<Publication> published = new java.util.concurrent.CopyOnWriteArrayList<>();

		private final boolean available;

		RecordingBroker() {
			this(true);
		}

		RecordingBroker(boolean available) {
			this.available = available;
		}

		@Override
		public boolean isAvailable() {
			return this.available;
		}

		@Override
		public void start(LocalDelivery localDelivery) {
		}

		@Override
		public Mono<Void> publish(Publication publication) {
			return Mono.fromRunnable(() -> this.published.add(publication));
		}

	}

}
