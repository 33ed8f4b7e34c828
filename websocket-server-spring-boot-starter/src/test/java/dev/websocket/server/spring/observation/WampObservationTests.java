package dev.websocket.server.spring.observation;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.websocket.server.client.WampCallException;
import dev.websocket.server.client.WampClient;
import dev.websocket.server.spring.annotation.OnPublish;
import dev.websocket.server.spring.annotation.WampRpc;
import dev.websocket.server.spring.annotation.WampTopic;
import dev.websocket.server.wamp.WampException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * CALLs and client publications observed through the context's registry, with
 * {@code websocket.server.observe-messages=true}.
 */
@SpringBootTest(classes = WampObservationTests.ObservedApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "websocket.server.observe-messages=true")
class WampObservationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	TestObservationRegistry registry;

	@Autowired
	Procedures procedures;

	@Autowired
	Room room;

	@LocalServerPort
	int port;

	private WampClient client;

	@BeforeEach
	void connect() {
		this.registry.clear();
		this.procedures.streaming.set(false);
		this.client = WampClient.connect(URI.create("ws://localhost:" + this.port + "/ws")).block(TIMEOUT);
	}

	@AfterEach
	void close() {
		this.client.close().block(TIMEOUT);
	}

	@Test
	void callIsObservedWithItsPatternAndOutcome() {
		assertThat(this.client.call("calc/add", 2, 3).block(TIMEOUT).asInt()).isEqualTo(5);
		assertThat(this.registry).hasObservationWithNameEqualTo("wamp.call")
			.that()
			.hasContextualNameEqualTo("call calc/add")
			.hasLowCardinalityKeyValue("wamp.procedure", "calc/add")
			.hasLowCardinalityKeyValue("wamp.outcome", "success")
			.hasHighCardinalityKeyValue("wamp.procedure.uri", "calc/add")
			.hasBeenStarted()
			.hasBeenStopped();
	}

	@Test
	void observationIsInScopeWhileTheHandlerRuns() {
		this.client.call("calc/add", 1, 1).block(TIMEOUT);
		assertThat(this.procedures.current.get()).isInstanceOf(WampCallObservationContext.class);
		assertThat(((WampCallObservationContext) this.procedures.current.get()).invocation().pattern())
			.isEqualTo("calc/add");
	}

	@Test
	void patternNotUriIsTheLowCardinalityKey() {
		this.client.call("users/alice/greet").block(TIMEOUT);
		assertThat(this.registry).hasObservationWithNameEqualTo("wamp.call")
			.that()
			.hasLowCardinalityKeyValue("wamp.procedure", "users/{name}/greet")
			.hasHighCardinalityKeyValue("wamp.procedure.uri", "users/alice/greet");
	}

	@Test
	void applicationErrorIsItsOwnOutcome() {
		assertThatExceptionOfType(WampCallException.class)
			.isThrownBy(() -> this.client.call("calc/refuse").block(TIMEOUT));
		assertThat(this.registry).hasObservationWithNameEqualTo("wamp.call")
			.that()
			.hasLowCardinalityKeyValue("wamp.outcome", "application_error")
			.hasError();
	}

	@Test
	void unexpectedFailureIsAnInternalError() {
		assertThatExceptionOfType(WampCallException.class)
			.isThrownBy(() -> this.client.call("calc/bug").block(TIMEOUT));
		assertThat(this.registry).hasObservationWithNameEqualTo("wamp.call")
			.that()
			.hasLowCardinalityKeyValue("wamp.outcome", "internal_error")
			.hasError();
	}

	@Test
	void asynchronousCallIsStoppedWhenItsResultArrives() {
		assertThat(this.client.call("calc/later", "x").block(TIMEOUT).asString()).isEqualTo("later x");
		assertThat(this.registry).hasObservationWithNameEqualTo("wamp.call")
			.that()
			.hasLowCardinalityKeyValue("wamp.procedure", "calc/later")
			.hasLowCardinalityKeyValue("wamp.outcome", "success")
			.hasBeenStopped();
	}

	@Test
	void progressiveCallIsStoppedAtItsFinalResultNotWhenTheMethodReturns() {
		Sinks.Many<Integer> parts = Sinks.many().unicast().onBackpressureBuffer();
		this.procedures.parts.set(parts);
		Mono<tools.jackson.databind.JsonNode> call = this.client.call("calc/count").cache();
		call.subscribe();
		await().atMost(TIMEOUT).until(() -> this.procedures.streaming.get());
		assertThat(this.registry).hasObservationWithNameEqualTo("wamp.call")
			.that()
			.hasLowCardinalityKeyValue("wamp.procedure", "calc/count")
			.hasBeenStarted()
			.isNotStopped();
		parts.tryEmitNext(1);
		parts.tryEmitNext(2);
		assertThat(this.registry).hasObservationWithNameEqualTo("wamp.call").that().isNotStopped();
		parts.tryEmitComplete();
		assertThat(call.block(TIMEOUT).toString()).isEqualTo("[1,2]");
		assertThat(this.registry).hasObservationWithNameEqualTo("wamp.call")
			.that()
			.hasLowCardinalityKeyValue("wamp.outcome", "success")
			.hasBeenStopped();
	}

	@Test
	void progressiveCallThatFailsMidStreamIsStoppedWithItsError() {
		Sinks.Many<Integer> parts = Sinks.many().unicast().onBackpressureBuffer();
		this.procedures.parts.set(parts);
		Mono<tools.jackson.databind.JsonNode> call = this.client.call("calc/count").cache();
		call.subscribe(null, (ex) -> {
		});
		await().atMost(TIMEOUT).until(() -> this.procedures.streaming.get());
		parts.tryEmitNext(1);
		parts.tryEmitError(new WampException("calc/error#broken", "Broken"));
		assertThatExceptionOfType(WampCallException.class).isThrownBy(() -> call.block(TIMEOUT));
		assertThat(this.registry).hasObservationWithNameEqualTo("wamp.call")
			.that()
			.hasLowCardinalityKeyValue("wamp.outcome", "application_error")
			.hasError()
			.hasBeenStopped();
	}

	@Test
	void publishIsObservedInScopeWithItsTopicPattern() {
		this.client.subscribe("chat/lobby", (event) -> {
		}).block(TIMEOUT);
		this.client.publish("chat/lobby", Map.of("text", "hi")).block(TIMEOUT);
		// a CALL after the PUBLISH is answered after it was handled: messages of one
		// connection are handled in order
		this.client.call("calc/add", 0, 0).block(TIMEOUT);
		assertThat(this.registry).hasObservationWithNameEqualTo("wamp.publish")
			.that()
			.hasContextualNameEqualTo("publish chat/{room}")
			.hasLowCardinalityKeyValue("wamp.topic", "chat/{room}")
			.hasLowCardinalityKeyValue("wamp.outcome", "delivered")
			.hasHighCardinalityKeyValue("wamp.topic.uri", "chat/lobby")
			.hasBeenStopped();
		assertThat(this.room.current.get()).isInstanceOf(WampPublishObservationContext.class);
	}

	@Test
	void droppedPublicationIsItsOwnOutcome() {
		this.client.publish("chat/muted", "hello").block(TIMEOUT);
		this.client.call("calc/add", 0, 0).block(TIMEOUT);
		assertThat(this.registry).hasObservationWithNameEqualTo("wamp.publish")
			.that()
			.hasLowCardinalityKeyValue("wamp.outcome", "dropped");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ObservedApplication {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		SecurityWebFilterChain permitAll(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll()).build();
		}

		@Bean
		Procedures procedures(ObservationRegistry registry) {
			return new Procedures(registry);
		}

		@Bean
		Room room(ObservationRegistry registry) {
			return new Room(registry);
		}

	}

	static class Procedures {

		final AtomicReference<Observation.@Nullable Context> current = new AtomicReference<>();

		private final ObservationRegistry registry;

		Procedures(ObservationRegistry registry) {
			this.registry = registry;
		}

		@WampRpc("calc/add")
		int add(int a, int b) {
			Observation observation = this.registry.getCurrentObservation();
			this.current.set((observation != null) ? observation.getContext() : null);
			return a + b;
		}

		@WampRpc("users/{name}/greet")
		String greet(@dev.websocket.server.spring.annotation.UriVariable("name") String name) {
			return "hello " + name;
		}

		@WampRpc("calc/refuse")
		int refuse() {
			throw new WampException("calc/error#refused", "Refused");
		}

		@WampRpc("calc/bug")
		int bug() {
			throw new IllegalStateException("a bug");
		}

		/** The parts of the next {@code calc/count}, handed out by the test. */
		final AtomicReference<Sinks.@Nullable Many<Integer>> parts = new AtomicReference<>();

		/** Whether {@code calc/count} returned its stream. */
		final java.util.concurrent.atomic.AtomicBoolean streaming = new java.util.concurrent.atomic.AtomicBoolean();

		@WampRpc("calc/count")
		Flux<Integer> count() {
			Sinks.Many<Integer> sink = this.parts.getAndSet(null);
			this.streaming.set(true);
			return (sink != null) ? sink.asFlux() : Flux.empty();
		}

		@WampRpc("calc/later")
		Mono<String> later(String value) {
			return Mono.delay(Duration.ofMillis(20)).map((tick) -> "later " + value);
		}

	}

	@WampTopic("chat/{room}")
	static class Room {

		final AtomicReference<Observation.@Nullable Context> current = new AtomicReference<>();

		/** How many publications the handler saw. */
		final java.util.concurrent.atomic.AtomicInteger published = new java.util.concurrent.atomic.AtomicInteger();

		private final ObservationRegistry registry;

		Room(ObservationRegistry registry) {
			this.registry = registry;
		}

		@OnPublish
		@Nullable Object publish(@dev.websocket.server.spring.annotation.UriVariable("room") String room, Object event) {
			Observation observation = this.registry.getCurrentObservation();
			this.current.set((observation != null) ? observation.getContext() : null);
			this.published.incrementAndGet();
			return room.equals("muted") ? null : event;
		}

	}

}
