package dev.websocket.server.spring.webflux;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.websocket.server.client.WampClient;
import dev.websocket.server.client.WampCallException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Client callees across two server nodes sharing the Redis server on 127.0.0.1:6379: a
 * procedure a v2 client registers on one node is callable from v1 and v2 callers on the
 * other, its name is owned once across the nodes, and cancelling, timeouts, progressive
 * results, errors, the callee leaving and its node stopping reach the caller.
 */
class Wamp2RedisCalleeTests {

	private static final Duration DEADLINE = Wamp2RedisTwoNodeTests.DEADLINE;

	private static final String PREFIX = "wamp-test:" + UUID.randomUUID() + ":";

	private static ConfigurableApplicationContext one;

	private static ConfigurableApplicationContext two;

	private final String procedure = "com.example.remote." + UUID.randomUUID();

	@RegisterExtension
	final TestSockets sockets = new TestSockets();

	@BeforeAll
	static void startNodes() {
		one = Wamp2RedisTwoNodeTests.start(PREFIX, "websocket.server.call-timeout=10s");
		two = Wamp2RedisTwoNodeTests.start(PREFIX, "websocket.server.call-timeout=10s");
		await().atMost(DEADLINE)
			.until(() -> Wamp2RedisTwoNodeTests.broker(one).isAvailable()
					&& Wamp2RedisTwoNodeTests.broker(two).isAvailable());
	}

	@AfterAll
	static void stopNodes() {
		one.close();
		two.close();
	}

	@Test
	void aV2CallerOnTheOtherNodeGetsTheYieldAsItIs() {
		RawWamp2Client callee = callee(one);
		callee.register(1, this.procedure);
		RawWamp2Client caller = join(two);
		caller.send(48, 5, Map.of(), this.procedure, List.of(1, "two"), Map.of("k", 0.10));
		JsonNode invocation = callee.next(68);
		assertThat(invocation.get(3).get("procedure").asString()).isEqualTo(this.procedure);
		assertThat(invocation.get(4)).isEqualTo(RawWamp2Client.tree(List.of(1, "two")));
		assertThat(invocation.get(5).toString()).isEqualTo("{\"k\":0.1}");
		callee.send(70, invocation.get(1).asLong(), Map.of(), List.of("a", 2), Map.of("done", true));
		JsonNode result = caller.next(50);
		assertThat(result.toString()).isEqualTo("[50,5,{},[\"a\",2],{\"done\":true}]");
	}

	@Test
	void aV1CallerOnTheOtherNodeGetsTheCrossVersionResult() {
		RawWamp2Client callee = callee(one);
		callee.register(1, this.procedure);
		WampClient caller = v1(two);
		JsonNode[] results = new JsonNode[2];
		caller.call(this.procedure, "hi").subscribe((result) -> results[0] = result);
		JsonNode invocation = callee.next(68);
		assertThat(invocation.get(4)).isEqualTo(RawWamp2Client.tree(List.of("hi")));
		callee.send(70, invocation.get(1).asLong(), Map.of(), List.of("single"));
		await().atMost(DEADLINE).until(() -> results[0] != null);
		assertThat(results[0].asString()).isEqualTo("single");
		caller.call(this.procedure).subscribe((result) -> results[1] = result);
		invocation = callee.next(68);
		callee.send(70, invocation.get(1).asLong(), Map.of(), List.of(1, 2), Map.of("k", "v"));
		await().atMost(DEADLINE).until(() -> results[1] != null);
		assertThat(results[1])
			.isEqualTo(RawWamp2Client.tree(Map.of("args", List.of(1, 2), "kwargs", Map.of("k", "v"))));
	}

	@Test
	void aCalleeErrorReachesCallersOnTheOtherNode() {
		RawWamp2Client callee = callee(one);
		callee.register(1, this.procedure);
		RawWamp2Client v2 = join(two);
		v2.send(48, 9, Map.of(), this.procedure);
		JsonNode invocation = callee.next(68);
		callee.send(8, 68, invocation.get(1).asLong(), Map.of(), "com.example.error.nope", List.of("Nope"),
				Map.of("why", "testing"));
		assertThat(v2.next(8).toString())
			.isEqualTo("[8,48,9,{},\"com.example.error.nope\",[\"Nope\"],{\"why\":\"testing\"}]");
		WampClient v1 = v1(two);
		Throwable[] failure = new Throwable[1];
		v1.call(this.procedure).subscribe(null, (ex) -> failure[0] = ex);
		invocation = callee.next(68);
		callee.send(8, 68, invocation.get(1).asLong(), Map.of(), "com.example.error.nope", List.of("Nope"));
		await().atMost(DEADLINE).until(() -> failure[0] != null);
		assertThat(failure[0]).isInstanceOfSatisfying(WampCallException.class, (ex) -> {
			assertThat(ex.errorUri()).isEqualTo("com.example.error.nope");
			assertThat(ex.getMessage()).contains("Nope");
		});
	}

	@Test
	void aNameIsOwnedOnceAcrossTheNodes() {
		RawWamp2Client owner = callee(one);
		long registration = owner.register(1, this.procedure);
		RawWamp2Client other = callee(two);
		other.send(64, 2, Map.of(), this.procedure);
		JsonNode refused = other.next(8);
		assertThat(refused.get(4).asString()).isEqualTo("wamp.error.procedure_already_exists");
		owner.send(66, 3, registration);
		owner.next(67);
		await().atMost(DEADLINE).untilAsserted(() -> {
			other.send(64, 4, Map.of(), this.procedure);
			JsonNode answer = other.next();
			assertThat(answer.get(0).asInt()).as(answer.toString()).isEqualTo(65);
		});
		// and the first node now calls the second's callee
		RawWamp2Client caller = join(one);
		caller.send(48, 5, Map.of(), this.procedure);
		JsonNode invocation = other.next(68);
		other.send(70, invocation.get(1).asLong(), Map.of(), List.of("from two"));
		assertThat(caller.next(50).get(3).get(0).asString()).isEqualTo("from two");
	}

	@Test
	void aNameABeanServesCannotBeRegistered() {
		RawWamp2Client callee = callee(one);
		callee.send(64, 1, Map.of(), TestApplication.BASE + "calc#sum");
		assertThat(callee.next(8).get(4).asString()).isEqualTo("wamp.error.procedure_already_exists");
	}

	@Test
	void progressiveResultsCrossNodes() {
		RawWamp2Client callee = callee(one);
		callee.register(1, this.procedure);
		RawWamp2Client caller = join(two);
		caller.send(48, 8, Map.of("receive_progress", true), this.procedure);
		JsonNode invocation = callee.next(68);
		assertThat(invocation.get(3).get("receive_progress").asBoolean()).isTrue();
		long request = invocation.get(1).asLong();
		callee.send(70, request, Map.of("progress", true), List.of(1));
		callee.send(70, request, Map.of("progress", true), List.of(2));
		callee.send(70, request, Map.of(), List.of(3));
		assertThat(caller.next(50).toString()).isEqualTo("[50,8,{\"progress\":true},[1]]");
		assertThat(caller.next(50).toString()).isEqualTo("[50,8,{\"progress\":true},[2]]");
		assertThat(caller.next(50).toString()).isEqualTo("[50,8,{},[3]]");
	}

	@Test
	void cancellingOnTheCallersNodeInterruptsTheCalleeOnTheOther() {
		RawWamp2Client callee = callee(one);
		callee.register(1, this.procedure);
		RawWamp2Client caller = join(two);
		caller.send(48, 11, Map.of(), this.procedure);
		long request = callee.next(68).get(1).asLong();
		caller.send(49, 11, Map.of("mode", "kill"));
		assertThat(caller.next(8).get(4).asString()).isEqualTo("wamp.error.canceled");
		JsonNode interrupt = callee.next(69);
		assertThat(interrupt.get(1).asLong()).isEqualTo(request);
	}

	@Test
	void aTimeoutOnTheCallersNodeInterruptsTheCalleeOnTheOther() {
		RawWamp2Client callee = callee(one);
		callee.register(1, this.procedure);
		RawWamp2Client caller = join(two);
		caller.send(48, 12, Map.of("timeout", 300), this.procedure);
		long request = callee.next(68).get(1).asLong();
		assertThat(caller.next(8).get(4).asString()).isEqualTo("wamp.error.timeout");
		assertThat(callee.next(69).get(1).asLong()).isEqualTo(request);
		// a late YIELD is ignored
		callee.send(70, request, Map.of(), List.of("late"));
		caller.send(48, 13, Map.of(), TestApplication.BASE + "calc#sum", List.of(1, 2));
		assertThat(caller.next().toString()).isEqualTo("[50,13,{},[3]]");
	}

	@Test
	void theCalleeLeavingFailsCallsFromTheOtherNode() {
		RawWamp2Client callee = callee(one);
		callee.register(1, this.procedure);
		RawWamp2Client v2 = join(two);
		v2.send(48, 6, Map.of(), this.procedure);
		callee.next(68);
		WampClient v1 = v1(two);
		Throwable[] failure = new Throwable[1];
		v1.call(this.procedure).subscribe(null, (ex) -> failure[0] = ex);
		callee.next(68);
		callee.close();
		JsonNode error = v2.next(8);
		assertThat(error.get(2).asLong()).isEqualTo(6);
		assertThat(error.get(4).asString()).isEqualTo("wamp.error.canceled");
		await().atMost(DEADLINE).until(() -> failure[0] != null);
		assertThat(failure[0]).isInstanceOfSatisfying(WampCallException.class,
				(ex) -> assertThat(ex.errorUri()).endsWith("#Canceled"));
		// the name is free again
		RawWamp2Client next = callee(two);
		await().atMost(DEADLINE).untilAsserted(() -> {
			next.send(64, 7, Map.of(), this.procedure);
			assertThat(next.next().get(0).asInt()).isEqualTo(65);
		});
	}

	@Test
	void aCallToAnUnknownProcedureIsStillNoSuchProcedure() {
		RawWamp2Client caller = join(two);
		caller.send(48, 3, Map.of(), this.procedure);
		assertThat(caller.next(8).get(4).asString()).isEqualTo("wamp.error.no_such_procedure");
		WampClient v1 = v1(two);
		assertThatExceptionOfType(WampCallException.class).isThrownBy(() -> v1.call(this.procedure).block(DEADLINE))
			.satisfies((ex) -> assertThat(ex.errorUri()).endsWith("#NoSuchRPCEndpoint"));
	}

	@Test
	void theCalleesNodeStoppingFailsPendingCallsWithinTheBound() {
		ConfigurableApplicationContext three = Wamp2RedisTwoNodeTests.start(PREFIX,
				"websocket.server.broker.redis.callee-ttl=1s", "websocket.server.call-timeout=60s");
		try {
			await().atMost(DEADLINE).until(() -> Wamp2RedisTwoNodeTests.broker(three).isAvailable());
			RawWamp2Client callee = callee(three);
			callee.register(1, this.procedure);
			RawWamp2Client v2 = join(two);
			v2.send(48, 21, Map.of(), this.procedure);
			callee.next(68);
			WampClient v1 = v1(two);
			Throwable[] failure = new Throwable[1];
			v1.call(this.procedure).subscribe(null, (ex) -> failure[0] = ex);
			callee.next(68);
			long stopped = System.nanoTime();
			three.close();
			JsonNode error = v2.next(8);
			Duration took = Duration.ofNanos(System.nanoTime() - stopped);
			assertThat(error.get(4).asString()).isEqualTo("wamp.error.canceled");
			await().atMost(DEADLINE).until(() -> failure[0] != null);
			assertThat(failure[0]).isInstanceOfSatisfying(WampCallException.class,
					(ex) -> assertThat(ex.errorUri()).endsWith("#Canceled"));
			// the ttl (1 s) and a health check (200 ms) bound it; leave room for a busy
			// machine
			System.out.println("Pending calls failed " + took.toMillis() + " ms after the callee node stopped");
			assertThat(took).isLessThan(Duration.ofSeconds(8));
		}
		finally {
			three.close();
		}
	}

	// ---- helpers

	private RawWamp2Client join(ConfigurableApplicationContext node) {
		RawWamp2Client client = this.sockets.connect(TestSockets.uri(node), Map.of());
		client.welcome();
		return client;
	}

	/** A v2 client that announces the callee role with call canceling. */
	private RawWamp2Client callee(ConfigurableApplicationContext node) {
		RawWamp2Client client = this.sockets.connect(TestSockets.uri(node), Map.of());
		client.send(1, "realm1", Map.of("roles",
				Map.of("callee", Map.of("features", Map.of("call_canceling", true)), "caller", Map.of())));
		assertThat(client.next().get(0).asInt()).isEqualTo(2);
		return client;
	}

	private WampClient v1(ConfigurableApplicationContext node) {
		return this.sockets.v1(TestSockets.uri(node));
	}

}
