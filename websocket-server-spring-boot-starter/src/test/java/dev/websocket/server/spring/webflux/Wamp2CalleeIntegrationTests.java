package dev.websocket.server.spring.webflux;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.websocket.server.client.WampCallException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * WAMP v2 client callees (REGISTER, INVOCATION, YIELD, ERROR) serving v2 and v1 callers,
 * over real sockets.
 */
// a context of its own: a paused cached context does not restart its WAMP server
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "websocket.server.protocols.max-registrations=3", "websocket.server.call-timeout=2s" })
class Wamp2CalleeIntegrationTests {

	private static final Duration T = Duration.ofSeconds(10);

	@RegisterExtension
	final TestSockets sockets = new TestSockets();

	@Test
	void aV1CallReachesAV2CalleeAndGetsItsSingleResult() {
		RawWamp2Client callee = this.sockets.join();
		long registration = callee.register(1, "com.example.double");
		Mono<JsonNode> result = this.sockets.v1().call("com.example.double", 21).cache();
		result.subscribe();
		JsonNode invocation = callee.next(68);
		assertThat(invocation.get(2).asLong()).isEqualTo(registration);
		assertThat(invocation.get(3).get("procedure").asString()).isEqualTo("com.example.double");
		assertThat(invocation.get(4).toString()).isEqualTo("[21]");
		callee.send(70, invocation.get(1).asLong(), Map.of(), List.of(42));
		assertThat(result.block(T).asInt()).isEqualTo(42);
	}

	@Test
	void aV1CallerGetsArgsAndKwargsOfAnyOtherYield() {
		RawWamp2Client callee = this.sockets.join();
		callee.register(1, "com.example.pair");
		Mono<JsonNode> result = this.sockets.v1().call("com.example.pair").cache();
		result.subscribe();
		JsonNode invocation = callee.next(68);
		callee.send(70, invocation.get(1).asLong(), Map.of(), List.of(1, 2), Map.of("k", "v"));
		assertThat(result.block(T).toString()).isEqualTo("{\"args\":[1,2],\"kwargs\":{\"k\":\"v\"}}");
	}

	@Test
	void aV2CallerGetsTheYieldAsItIs() {
		RawWamp2Client callee = this.sockets.join();
		callee.register(1, "com.example.kw");
		RawWamp2Client caller = this.sockets.join();
		caller.send(48, 5, Map.of(), "com.example.kw", List.of("a"), Map.of("b", 1));
		JsonNode invocation = callee.next(68);
		assertThat(invocation.get(4).toString()).isEqualTo("[\"a\"]");
		assertThat(invocation.get(5).toString()).isEqualTo("{\"b\":1}");
		callee.send(70, invocation.get(1).asLong(), Map.of(), List.of(), Map.of("c", 2));
		assertThat(caller.next(50).toString()).isEqualTo("[50,5,{},[],{\"c\":2}]");
	}

	@Test
	void aCalleeErrorReachesAV1CallerAsCallError() {
		RawWamp2Client callee = this.sockets.join();
		callee.register(1, "com.example.refuse");
		Mono<JsonNode> result = this.sockets.v1().call("com.example.refuse").cache();
		result.subscribe((value) -> {
		}, (error) -> {
		});
		JsonNode invocation = callee.next(68);
		callee.send(8, 68, invocation.get(1).asLong(), Map.of(), "com.example.error.refused", List.of("No"),
				Map.of("why", "test"));
		assertThatExceptionOfType(WampCallException.class).isThrownBy(() -> result.block(T))
			.satisfies((ex) -> assertThat(ex.errorUri()).isEqualTo("com.example.error.refused"));
	}

	@Test
	void aNameABeanServesCannotBeRegistered() {
		RawWamp2Client callee = this.sockets.join();
		callee.send(64, 2, Map.of(), BASE + "calc#sum");
		JsonNode error = callee.next(8);
		assertThat(error.get(1).asInt()).isEqualTo(64);
		assertThat(error.get(4).asString()).isEqualTo("wamp.error.procedure_already_exists");
	}

	@Test
	void aRegisteredNameCannotBeRegisteredByAnotherSession() {
		this.sockets.join().register(1, "com.example.taken");
		RawWamp2Client other = this.sockets.join();
		other.send(64, 3, Map.of(), "com.example.taken");
		assertThat(other.next(8).get(4).asString()).isEqualTo("wamp.error.procedure_already_exists");
	}

	@Test
	void registrationsBeyondTheLimitAreRefused() {
		RawWamp2Client callee = this.sockets.join();
		for (int i = 0; i < 3; i++) {
			callee.send(64, 10 + i, Map.of(), "com.example.limit" + i);
			callee.next(65);
		}
		callee.send(64, 20, Map.of(), "com.example.limit3");
		assertThat(callee.next(8).get(4).asString()).isEqualTo("wamp.error.limit_reached");
	}

	@Test
	void unregisterEndsTheRegistrationAndAnUnknownOneIsAnError() {
		RawWamp2Client callee = this.sockets.join();
		long registration = callee.register(1, "com.example.brief");
		callee.send(66, 4, registration);
		assertThat(callee.next().toString()).isEqualTo("[67,4]");
		callee.send(66, 5, registration);
		assertThat(callee.next(8).get(4).asString()).isEqualTo("wamp.error.no_such_registration");
	}

	@Test
	void theCalleeLeavingFailsItsPendingCalls() {
		RawWamp2Client callee = this.sockets.join();
		callee.register(1, "com.example.vanish");
		RawWamp2Client caller = this.sockets.join();
		caller.send(48, 6, Map.of(), "com.example.vanish");
		callee.next(68);
		callee.close();
		JsonNode error = caller.next(8);
		assertThat(error.get(2).asLong()).isEqualTo(6);
		assertThat(error.get(4).asString()).isEqualTo("wamp.error.canceled");
	}

	@Test
	void anInvocationNotAnsweredWithinTheCallTimeoutIsATimeout() {
		RawWamp2Client callee = this.sockets.join();
		callee.register(1, "com.example.sleepy");
		RawWamp2Client caller = this.sockets.join();
		caller.send(48, 7, Map.of("timeout", 200), "com.example.sleepy");
		callee.next(68);
		assertThat(caller.next(8).get(4).asString()).isEqualTo("wamp.error.timeout");
	}

	@Test
	void progressiveYieldsReachACallerThatAskedForThem() {
		RawWamp2Client callee = this.sockets.join();
		callee.register(1, "com.example.steps");
		RawWamp2Client caller = this.sockets.join();
		caller.send(48, 8, Map.of("receive_progress", true), "com.example.steps");
		JsonNode invocation = callee.next(68);
		assertThat(invocation.get(3).get("receive_progress").asBoolean()).isTrue();
		long request = invocation.get(1).asLong();
		callee.send(70, request, Map.of("progress", true), List.of(1));
		callee.send(70, request, Map.of(), List.of(2));
		assertThat(caller.next(50).toString()).isEqualTo("[50,8,{\"progress\":true},[1]]");
		assertThat(caller.next(50).toString()).isEqualTo("[50,8,{},[2]]");
	}

	@Test
	void aLateYieldIsIgnored() throws InterruptedException {
		RawWamp2Client callee = this.sockets.join();
		callee.send(70, 999, Map.of(), List.of(1));
		assertThat(callee.hasMessageWithin(Duration.ofMillis(300))).isFalse();
		long registration = callee.register(1, "com.example.still");
		assertThat(registration).isPositive();
	}

}
