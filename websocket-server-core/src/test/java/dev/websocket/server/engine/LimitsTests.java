package dev.websocket.server.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.connection.Frame;
import dev.websocket.server.testing.InMemoryTransport;
import dev.websocket.server.testing.InMemoryTransport.Client;
import dev.websocket.server.wamp.message.WampMessage;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every per-connection limit: prefixes, subscriptions, in-flight calls and the outbound
 * queue.
 */
class LimitsTests {

	private final RecordingListener listener = new RecordingListener();

	private final Sinks.Many<String> slow = Sinks.many().multicast().directBestEffort();

	private final TestSettings settings = TestSettings.defaults();

	private WampServer server;

	private InMemoryTransport transport;

	private void start() {
		server = WampServer.builder()
			.settings(settings.build())
			.listener(listener)
			.rpc("sample/slow", (invocation) -> slow.asFlux().next())
			.rpc("sample/echo", (invocation) -> invocation.arguments())
			.rpc("http://example.com/calc#{op}", (invocation) -> invocation.variables().get("op"))
			.topic("chat/{room}", new TopicHandler() {
			})
			.build();
		transport = new InMemoryTransport(server);
	}

	@AfterEach
	void shutdown() {
		if (server != null) {
			server.shutdown(Duration.ZERO).block(Duration.ofSeconds(5));
		}
	}

	private Client connect() {
		Client client = transport.connect();
		client.welcome();
		return client;
	}

	@Test
	void prefixesBeyondTheLimitAreIgnoredButRedefinitionIsAllowed() {
		settings.maxPrefixes = 2;
		start();
		Client client = connect();
		client.send("[1,\"a\",\"urn:a:\"]");
		client.send("[1,\"b\",\"urn:b:\"]");
		client.send("[1,\"c\",\"http://example.com/calc#\"]");
		client.send("[1,\"a\",\"http://example.com/calc#\"]");
		assertThat(client.connection().getUri("c:add")).isEqualTo("c:add");
		assertThat(client.connection().getUri("a:add")).isEqualTo("http://example.com/calc#add");
		assertThat(listener.ignored).containsExactly(WampServerListener.IgnoredReason.LIMIT_REACHED);
		assertThat(client.isClosed()).isFalse();
	}

	@Test
	void uriOverTheLengthLimitAfterCurieExpansionClosesWith1007() {
		settings.maxUriLength = 40;
		start();
		Client client = connect();
		client.send("[1,\"p\",\"chat/" + "a".repeat(30) + "\"]");
		client.send("[5,\"p:" + "b".repeat(5) + "\"]");
		assertThat(server.topicCount()).isEqualTo(1);
		client.send("[5,\"p:" + "b".repeat(6) + "\"]");
		CloseStatus status = client.awaitClose();
		assertThat(status.code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
		assertThat(status.reason()).isEqualTo("URI longer than 40 characters after CURIE expansion");
		assertThat(server.topic("chat/" + "a".repeat(30) + "b".repeat(6))).isEmpty();
	}

	@Test
	void subscriptionsBeyondTheLimitAreIgnored() {
		settings.maxSubscriptions = 2;
		start();
		Client client = connect();
		client.send("[5,\"chat/a\"]");
		client.send("[5,\"chat/b\"]");
		client.send("[5,\"chat/c\"]");
		client.send("[5,\"chat/a\"]");
		assertThat(client.connection().attributes().get("wamp.subscriptions", Set.of()))
			.containsExactlyInAnyOrder("chat/a", "chat/b");
		assertThat(server.topic("chat/c")).isEmpty();
		assertThat(listener.ignored).containsExactly(WampServerListener.IgnoredReason.LIMIT_REACHED);
		client.send("[6,\"chat/a\"]");
		client.send("[5,\"chat/c\"]");
		assertThat(server.topic("chat/c")).isPresent();
	}

	@Test
	void callsBeyondTheInFlightLimitAnswerTooManyCalls() {
		settings.maxInFlightCalls = 2;
		start();
		Client client = connect();
		client.send("[2,\"s1\",\"sample/slow\"]");
		client.send("[2,\"s2\",\"sample/slow\"]");
		client.send("[2,\"s3\",\"sample/slow\"]");
		assertThat(client.nextText())
			.isEqualTo("[4,\"s3\",\"http://api.wamp.ws/error#TooManyCalls\",\"Too many calls in flight\"]");
		slow.tryEmitNext("done");
		assertThat(client.nextText()).startsWith("[3,\"s");
		assertThat(client.nextText()).startsWith("[3,\"s");
		client.send("[2,\"e1\",\"sample/echo\",1]");
		assertThat(client.nextText()).isEqualTo("[3,\"e1\",[1]]");
		assertThat(listener.calls).contains(WampServerListener.CallOutcome.TOO_MANY_CALLS);
	}

	@Test
	void outboundOverflowWithClosePolicyClosesWith1008AndDiscardsQueuedFrames() {
		settings.outboundMaxMessages = 3;
		start();
		Client slowReader = transport.connect(InMemoryTransport.request(), false);
		Client other = connect();
		slowReader.send("[5,\"chat/a\"]");
		other.send("[5,\"chat/a\"]");
		// WELCOME + 2 events fill the queue of 3; the third event overflows.
		for (int i = 0; i < 3; i++) {
			other.send("[7,\"chat/a\"," + i + "]");
		}
		assertThat(slowReader.awaitClose())
			.isEqualTo(new CloseStatus(CloseCodes.POLICY_VIOLATION, "Outbound queue overflow"));
		slowReader.read(10);
		assertThat(slowReader.hasPending()).isFalse();
		assertThat(listener.overflows).containsExactly(OverflowPolicy.CLOSE);
		// The overflowing connection alone is affected.
		for (int i = 0; i < 3; i++) {
			assertThat(other.nextText()).isEqualTo("[8,\"chat/a\"," + i + "]");
		}
		assertThat(other.isClosed()).isFalse();
		assertThat(server.topic("chat/a").orElseThrow().subscribers()).containsExactly(other.connection());
	}

	@Test
	void publishesOverThePublishersBudgetAreDroppedAndCounted() {
		settings.publishLimits = new PublishLimits(1, 3, 0, 1, OverflowPolicy.DROP);
		start();
		Client publisher = connect();
		Client reader = connect();
		reader.send("[5,\"chat/a\"]");
		for (int i = 0; i < 5; i++) {
			publisher.send("[7,\"chat/a\"," + i + "]");
		}
		connect().send("[7,\"chat/a\",\"other publisher\"]");
		for (int i = 0; i < 3; i++) {
			assertThat(reader.nextText()).isEqualTo("[8,\"chat/a\"," + i + "]");
		}
		assertThat(reader.nextText()).isEqualTo("[8,\"chat/a\",\"other publisher\"]");
		assertThat(listener.ignored).containsExactly(WampServerListener.IgnoredReason.OVER_BUDGET,
				WampServerListener.IgnoredReason.OVER_BUDGET);
		assertThat(publisher.isClosed()).isFalse();
	}

	@Test
	void publisherOverItsBudgetWithClosePolicyIsClosedWith1008AndItsReadersStay() {
		settings.publishLimits = new PublishLimits(1, 3, 0, 1, OverflowPolicy.CLOSE);
		start();
		Client publisher = connect();
		Client reader = connect();
		reader.send("[5,\"chat/a\"]");
		for (int i = 0; i < 5; i++) {
			publisher.send("[7,\"chat/a\"," + i + "]");
		}
		assertThat(publisher.awaitClose())
			.isEqualTo(new CloseStatus(CloseCodes.POLICY_VIOLATION, "PUBLISH over budget"));
		connect().send("[7,\"chat/a\",\"other publisher\"]");
		for (int i = 0; i < 3; i++) {
			assertThat(reader.nextText()).isEqualTo("[8,\"chat/a\"," + i + "]");
		}
		assertThat(reader.nextText()).isEqualTo("[8,\"chat/a\",\"other publisher\"]");
		assertThat(reader.isClosed()).isFalse();
	}

	@Test
	void publishesOverTheByteBudgetAreDropped() {
		settings.publishLimits = new PublishLimits(0, 1, 1, 100, OverflowPolicy.DROP);
		start();
		Client publisher = connect();
		Client reader = connect();
		reader.send("[5,\"chat/a\"]");
		publisher.send("[7,\"chat/a\",\"" + "x".repeat(100) + "\"]");
		publisher.send("[7,\"chat/a\",\"small\"]");
		assertThat(reader.nextText()).isEqualTo("[8,\"chat/a\",\"small\"]");
		assertThat(listener.ignored).containsExactly(WampServerListener.IgnoredReason.OVER_BUDGET);
	}

	@Test
	void outboundOverflowWithDropPolicyDropsTheFrameAndKeepsTheConnection() {
		settings.outboundMaxMessages = 3;
		settings.overflowPolicy = OverflowPolicy.DROP;
		start();
		Client slowReader = transport.connect(InMemoryTransport.request(), false);
		Client other = connect();
		slowReader.send("[5,\"chat/a\"]");
		other.send("[5,\"chat/a\"]");
		for (int i = 0; i < 5; i++) {
			other.send("[7,\"chat/a\"," + i + "]");
		}
		assertThat(listener.overflows).containsExactly(OverflowPolicy.DROP, OverflowPolicy.DROP, OverflowPolicy.DROP);
		slowReader.read(Long.MAX_VALUE);
		assertThat(slowReader.next()).isInstanceOf(WampMessage.Welcome.class);
		assertThat(slowReader.nextText()).isEqualTo("[8,\"chat/a\",0]");
		assertThat(slowReader.nextText()).isEqualTo("[8,\"chat/a\",1]");
		other.send("[7,\"chat/a\",\"after\"]");
		assertThat(slowReader.nextText()).isEqualTo("[8,\"chat/a\",\"after\"]");
		assertThat(slowReader.isClosed()).isFalse();
	}

	@Test
	void broadcastCountsOnlyTheSubscribersWhoseQueueTookTheEvent() {
		settings.outboundMaxMessages = 1;
		settings.overflowPolicy = OverflowPolicy.DROP;
		start();
		// The unread WELCOME fills the slow reader's queue of one.
		Client slowReader = transport.connect(InMemoryTransport.request(), false);
		Client other = connect();
		slowReader.send("[5,\"chat/a\"]");
		other.send("[5,\"chat/a\"]");
		listener.sent.clear();
		assertThat(server.topic("chat/a").orElseThrow().broadcast("x")).isEqualTo(1);
		assertThat(listener.sent).containsExactly(WampMessage.EVENT + "x1");
		assertThat(listener.overflows).containsExactly(OverflowPolicy.DROP);
		assertThat(other.nextText()).isEqualTo("[8,\"chat/a\",\"x\"]");
	}

	@Test
	void aDroppedMessageIsNotReportedAsSent() {
		settings.outboundMaxMessages = 1;
		settings.overflowPolicy = OverflowPolicy.DROP;
		start();
		Client slowReader = transport.connect(InMemoryTransport.request(), false);
		listener.sent.clear();
		slowReader.connection().callResult("c1", "dropped");
		assertThat(listener.sent).isEmpty();
		assertThat(listener.overflows).containsExactly(OverflowPolicy.DROP);
	}

	@Test
	void outboundQueueIsAlsoBoundedByBytes() {
		settings.outboundMaxBytes = 200;
		start();
		Client slowReader = transport.connect(InMemoryTransport.request(), false);
		Client other = connect();
		slowReader.send("[5,\"chat/a\"]");
		other.send("[7,\"chat/a\",\"" + "x".repeat(150) + "\"]");
		assertThat(slowReader.awaitClose().code()).isEqualTo(CloseCodes.POLICY_VIOLATION);
	}

	@Test
	void framesAreCountedUntilTheTransportTakesThem() {
		start();
		Client slowReader = transport.connect(InMemoryTransport.request(), false);
		DecoratedConnection connection = (DecoratedConnection) slowReader.connection();
		connection.send("abc");
		assertThat(connection.outbound().queuedMessages()).isEqualTo(2);
		assertThat(connection.outbound().queuedBytes()).isEqualTo(Frame
			.text(server.codec()
				.encode(new WampMessage.Welcome(slowReader.sessionId(), 1, WampServerSettings.DEFAULT_IDENT)))
			.size() + 3);
		slowReader.read(2);
		assertThat(connection.outbound().queuedMessages()).isZero();
		assertThat(connection.outbound().queuedBytes()).isZero();
	}

	@Test
	void concurrentBroadcastsOverflowASlowConsumerExactlyOnce() throws InterruptedException {
		settings.outboundMaxMessages = 16;
		start();
		Client slowReader = transport.connect(InMemoryTransport.request(), false);
		slowReader.send("[5,\"chat/a\"]");
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		List<Thread> publishers = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			Thread thread = new Thread(() -> {
				for (int i = 0; i < 500; i++) {
					server.publish(new Publication("chat/a", i)).block();
				}
			});
			thread.setUncaughtExceptionHandler((failed, error) -> failures.add(error));
			publishers.add(thread);
			thread.start();
		}
		for (Thread thread : publishers) {
			thread.join(30_000);
			assertThat(thread.isAlive()).isFalse();
		}
		assertThat(failures).isEmpty();
		assertThat(slowReader.awaitClose()).isEqualTo(DecoratedConnection.OVERFLOW_STATUS);
		assertThat(listener.overflows).containsExactly(OverflowPolicy.CLOSE);
		slowReader.read(Long.MAX_VALUE);
		assertThat(slowReader.hasPending()).isFalse();
		assertThat(server.topicCount()).isZero();
	}

}
