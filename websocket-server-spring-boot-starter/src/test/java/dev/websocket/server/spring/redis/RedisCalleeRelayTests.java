package dev.websocket.server.spring.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.websocket.server.broker.CalleeRelay;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The callee relay of two {@link RedisBroker} nodes on the Redis server on
 * 127.0.0.1:6379, each test under prefixes of its own: names owned once, calls and
 * answers between nodes, and calls to a node that is gone.
 */
class RedisCalleeRelayTests {

	private static final Duration DEADLINE = Duration.ofSeconds(10);

	private final String prefix = "wamp-test:" + UUID.randomUUID() + ":";

	private RedisTestNode a;

	private RedisTestNode b;

	private RedisClient client;

	@BeforeEach
	void startNodes() {
		this.a = new RedisTestNode(6379, this.prefix, this::fast);
		this.b = new RedisTestNode(6379, this.prefix, this::fast);
		this.client = RedisClient.create("redis://127.0.0.1:6379");
		await().atMost(DEADLINE).until(() -> this.a.broker.isAvailable() && this.b.broker.isAvailable());
	}

	private RedisBroker.Builder fast(RedisBroker.Builder builder) {
		return builder.calleePrefix(this.prefix + "callee:")
			.calleeTtl(Duration.ofSeconds(1))
			.healthCheckInterval(Duration.ofMillis(200));
	}

	@AfterEach
	void stopNodes() {
		this.a.close();
		this.b.close();
		this.client.shutdown();
	}

	@Test
	void aNameHasOneOwnerUntilItIsReleased() {
		StepVerifier.create(relay(this.a).claim("p")).expectNext(true).expectComplete().verify(DEADLINE);
		StepVerifier.create(relay(this.a).claim("p")).expectNext(true).expectComplete().verify(DEADLINE);
		StepVerifier.create(relay(this.b).claim("p")).expectNext(false).expectComplete().verify(DEADLINE);
		StepVerifier.create(relay(this.b).owner("p"))
			.expectNext(this.a.broker.nodeId())
			.expectComplete()
			.verify(DEADLINE);
		// a node's own name is not another node's
		StepVerifier.create(relay(this.a).owner("p")).expectComplete().verify(DEADLINE);
		relay(this.a).release("p");
		await().atMost(DEADLINE).until(() -> Boolean.TRUE.equals(relay(this.b).claim("p").block(DEADLINE)));
	}

	@Test
	void theNamesOfANodeThatDiedBecomeFreeAfterTheTtl() {
		StepVerifier.create(relay(this.a).claim("p")).expectNext(true).expectComplete().verify(DEADLINE);
		// renewed at every health check: still owned after several ttls
		await().pollDelay(Duration.ofMillis(2500)).atMost(DEADLINE).until(() -> true);
		StepVerifier.create(relay(this.b).claim("p")).expectNext(false).expectComplete().verify(DEADLINE);
		// the node loses Redis for good without stopping: nothing renews its names
		this.a.connectionFactory.destroy();
		long lost = System.nanoTime();
		await().atMost(DEADLINE).until(() -> Boolean.TRUE.equals(relay(this.b).claim("p").block(DEADLINE)));
		assertThat(Duration.ofNanos(System.nanoTime() - lost)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void aCallReachesTheOwnerAndItsAnswersComeBackWithNumbersAsWritten() throws InterruptedException {
		JsonNode big = JsonMapper.builder()
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
			.build()
			.readTree("[1e400,0.10]");
		BlockingQueue<CalleeRelay.RelayedCall> invoked = new LinkedBlockingQueue<>();
		relay(this.a).start((call, answers) -> {
			invoked.add(call);
			answers.progress(List.of("step"), Map.of());
			answers.result(call.arguments(), Map.of("kw", call.argumentsKw().get("kw")));
			return () -> {
			};
		});
		Recorder answers = new Recorder();
		relay(this.b).invoke(this.a.broker.nodeId(), new CalleeRelay.RelayedCall("p", List.of(big.get(0), big.get(1)),
				Map.of("kw", big.get(1)), true, 5000, 77), answers);
		CalleeRelay.RelayedCall call = invoked.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(call).isNotNull();
		assertThat(call.procedure()).isEqualTo("p");
		assertThat(call.receiveProgress()).isTrue();
		assertThat(call.timeoutMillis()).isEqualTo(5000);
		assertThat(call.caller()).isEqualTo(77);
		assertThat(answers.next()).isEqualTo("progress [\"step\"] {}");
		assertThat(answers.next()).isEqualTo("result [1E+400,0.10] {\"kw\":0.10}");
	}

	@Test
	void aCallForANameTheOwnerNoLongerServesIsNoSuchProcedure() throws InterruptedException {
		relay(this.a).start((call, answers) -> null);
		Recorder answers = new Recorder();
		relay(this.b).invoke(this.a.broker.nodeId(), new CalleeRelay.RelayedCall("p", List.of(), Map.of(), false, 0, 0),
				answers);
		assertThat(answers.next()).startsWith("error wamp.error.no_such_procedure");
	}

	@Test
	void cancellingReachesTheOwner() throws InterruptedException {
		BlockingQueue<String> cancelled = new LinkedBlockingQueue<>();
		BlockingQueue<String> invoked = new LinkedBlockingQueue<>();
		relay(this.a).start((call, answers) -> {
			invoked.add(call.procedure());
			return () -> cancelled.add(call.procedure());
		});
		CalleeRelay.Cancellable cancel = relay(this.b).invoke(this.a.broker.nodeId(),
				new CalleeRelay.RelayedCall("p", List.of(), Map.of(), false, 0, 0), new Recorder());
		assertThat(invoked.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("p");
		cancel.cancel();
		assertThat(cancelled.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("p");
	}

	@Test
	void aCallToANodeNobodyListensForIsCanceledAtOnce() throws InterruptedException {
		Recorder answers = new Recorder();
		relay(this.b).invoke("gone", new CalleeRelay.RelayedCall("p", List.of(), Map.of(), false, 0, 0), answers);
		assertThat(answers.next()).isEqualTo("canceled The callee's node is gone");
	}

	@Test
	void aCallToANodeThatStoppedRenewingItsAliveKeyIsCanceledWithinTheBound() throws InterruptedException {
		// something still listens on the node's channel, but the node renews nothing
		try (StatefulRedisPubSubConnection<String, String> listener = this.client.connectPubSub()) {
			listener.sync().subscribe(this.prefix + "callee:node:frozen");
			Recorder answers = new Recorder();
			long start = System.nanoTime();
			relay(this.b).invoke("frozen", new CalleeRelay.RelayedCall("p", List.of(), Map.of(), false, 0, 0), answers);
			assertThat(answers.next()).isEqualTo("canceled The callee's node is gone");
			// at the next health check (200 ms) once the key is missing
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		}
	}

	@Test
	void aNodeThatStopsFailsTheCallsItWaitsFor() throws InterruptedException {
		relay(this.a).start((call, answers) -> () -> {
		});
		Recorder answers = new Recorder();
		relay(this.b).invoke(this.a.broker.nodeId(), new CalleeRelay.RelayedCall("p", List.of(), Map.of(), false, 0, 0),
				answers);
		await().pollDelay(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> true);
		this.b.broker.stop();
		assertThat(answers.next()).startsWith("canceled ");
	}

	private static CalleeRelay relay(RedisTestNode node) {
		CalleeRelay relay = node.broker.callees();
		assertThat(relay).isNotNull();
		return relay;
	}

	/** Records each answer as one line. */
	private static final class Recorder implements CalleeRelay.Answers {

		private static final JsonMapper mapper = JsonMapper.builder().build();

		private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

		String next() throws InterruptedException {
			String answer = this.answers.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(answer).as("an answer within " + DEADLINE).isNotNull();
			return answer;
		}

		@Override
		public void progress(List<?> arguments, Map<String, ?> argumentsKw) {
			this.answers
				.add("progress " + mapper.writeValueAsString(arguments) + " " + mapper.writeValueAsString(argumentsKw));
		}

		@Override
		public void result(List<?> arguments, Map<String, ?> argumentsKw) {
			this.answers
				.add("result " + mapper.writeValueAsString(arguments) + " " + mapper.writeValueAsString(argumentsKw));
		}

		@Override
		public void error(String errorUri, List<?> arguments, Map<String, ?> argumentsKw) {
			this.answers.add("error " + errorUri + " " + mapper.writeValueAsString(arguments));
		}

		@Override
		public void canceled(String reason) {
			this.answers.add("canceled " + reason);
		}

		@Override
		public void timedOut() {
			this.answers.add("timeout");
		}

	}

}
