package dev.websocket.server.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.testing.InMemoryTransport;
import dev.websocket.server.testing.InMemoryTransport.Client;
import dev.websocket.server.wamp.WampErrors;
import dev.websocket.server.wamp.WampException;
import dev.websocket.server.wamp.message.WampMessage;
import dev.websocket.server.wamp.rpc.RpcInvocation;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One test per rule of DESIGN's "WAMP v1 wire protocol" section, over the in-memory
 * transport.
 */
class WampProtocolTests {

	private final List<RpcInvocation> invocations = new CopyOnWriteArrayList<>();

	private final Sinks.One<Object> pendingResult = Sinks.one();

	private final RecordingListener listener = new RecordingListener();

	private final TestSettings settings = TestSettings.defaults();

	private WampServer server;

	private InMemoryTransport transport;

	WampProtocolTests() {
		start();
	}

	private void start() {
		if (server != null) {
			server.shutdown(Duration.ZERO).block(Duration.ofSeconds(5));
		}
		server = WampServer.builder().settings(settings.build()).listener(listener).rpc("sample/echo", (invocation) -> {
			invocations.add(invocation);
			return invocation.arguments();
		})
			.rpc("sample/sum", (invocation) -> invocation.spreadArguments().stream().mapToInt(JsonNode::asInt).sum())
			.rpc("sample/fail", (invocation) -> {
				throw new WampException("http://example.com/error#odd", "Odd number", Map.of("value", 3));
			})
			.rpc("sample/fail-plain", (invocation) -> {
				throw new WampException("http://example.com/error#plain", "Plain failure");
			})
			.rpc("sample/crash", (invocation) -> {
				throw new IllegalStateException("secret database password is hunter2");
			})
			.rpc("sample/mono", (invocation) -> Mono.just("from mono"))
			.rpc("sample/empty-mono", (invocation) -> Mono.empty())
			.rpc("sample/flux", (invocation) -> Flux.just("first", "second"))
			.rpc("sample/future", (invocation) -> CompletableFuture.completedFuture("from future"))
			.rpc("sample/void", (invocation) -> null)
			.rpc("sample/failed-mono",
					(invocation) -> Mono.error(new WampException("http://example.com/error#async", "Async failure")))
			.rpc("sample/crashed-future",
					(invocation) -> CompletableFuture.failedFuture(new IllegalStateException("hidden cause")))
			.rpc("sample/pending", (invocation) -> pendingResult.asMono())
			.rpc("sample/never", (invocation) -> Mono.never())
			.rpc("sample/unencodable", (invocation) -> new Unencodable())
			.rpc("http://example.com/calc#{op}", (invocation) -> invocation.variables().get("op"))
			.topic("chat/{room}", new TopicHandler() {
			})
			.topic("http://example.com/topic/{name}", new TopicHandler() {
			})
			.build();
		transport = new InMemoryTransport(server);
	}

	@AfterEach
	void shutdown() {
		server.shutdown(Duration.ZERO).block(Duration.ofSeconds(5));
	}

	private Client connect() {
		Client client = transport.connect();
		client.welcome();
		return client;
	}

	// ---- WELCOME and session ids

	@Test
	void welcomeIsTheFirstMessageWithSessionIdProtocolOneAndServerIdent() {
		Client client = transport.connect();
		String welcome = client.nextText();
		assertThat(welcome)
			.isEqualTo("[0,\"" + client.sessionId() + "\",1,\"" + WampServerSettings.DEFAULT_IDENT + "\"]");
	}

	@Test
	void welcomeCarriesTheConfiguredServerIdent() {
		settings.serverIdent = "custom/9.9";
		start();
		assertThat(transport.connect().welcome().serverIdent()).isEqualTo("custom/9.9");
	}

	@Test
	void sessionIdsAreUniqueAndCarryAtLeast128RandomBits() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 2000; i++) {
			Client client = transport.connect();
			String id = client.welcome().sessionId();
			assertThat(Base64.getUrlDecoder().decode(id)).hasSizeGreaterThanOrEqualTo(16);
			ids.add(id);
			client.close();
		}
		assertThat(ids).hasSize(2000);
	}

	@Test
	void sessionIdIsStoredInTheConnectionAttributes() {
		Client client = connect();
		assertThat(client.connection().attributes().get("wamp.session_id")).isEqualTo(client.sessionId());
	}

	// ---- CURIEs

	@Test
	void curieWithRegisteredPrefixExpandsToPrefixUriPlusRest() {
		Client client = connect();
		client.send("[1,\"calc\",\"http://example.com/calc#\"]");
		client.send("[2,\"c1\",\"calc:add\"]");
		assertThat(client.nextText()).isEqualTo("[3,\"c1\",\"add\"]");
	}

	@Test
	void curieExpansionIsPlainConcatenationWithoutInsertedHash() {
		Client client = connect();
		client.send("[1,\"s\",\"sample/\"]");
		client.send("[2,\"c1\",\"s:echo\",1]");
		assertThat(client.nextText()).isEqualTo("[3,\"c1\",[1]]");
		assertThat(invocations).singleElement().extracting(RpcInvocation::procUri).isEqualTo("sample/echo");
	}

	@Test
	void curiePrefixCanBeRedefined() {
		Client client = connect();
		client.send("[1,\"p\",\"http://example.com/other#\"]");
		client.send("[1,\"p\",\"http://example.com/calc#\"]");
		client.send("[2,\"c1\",\"p:mul\"]");
		assertThat(client.nextText()).isEqualTo("[3,\"c1\",\"mul\"]");
	}

	@Test
	void unregisteredPrefixAndHttpUrisPassUnchanged() {
		Client client = connect();
		client.send("[1,\"http\",\"urn:wrong:\"]");
		assertThat(client.connection().getUri("nope:thing")).isEqualTo("nope:thing");
		assertThat(client.connection().getUri("http://example.com/a")).isEqualTo("http://example.com/a");
		assertThat(client.connection().getUri("https://example.com/a")).isEqualTo("https://example.com/a");
		assertThat(client.connection().getUri("plain/uri")).isEqualTo("plain/uri");
	}

	@Test
	void prefixesArePerConnection() {
		Client alice = connect();
		Client bob = connect();
		alice.send("[1,\"calc\",\"http://example.com/calc#\"]");
		assertThat(alice.connection().getUri("calc:add")).isEqualTo("http://example.com/calc#add");
		assertThat(bob.connection().getUri("calc:add")).isEqualTo("calc:add");
	}

	@Test
	void serverDefinedPrefixIsSentToTheClientAndUsed() {
		Client client = connect();
		client.connection().prefix("calc", "http://example.com/calc#");
		assertThat(client.nextText()).isEqualTo("[1,\"calc\",\"http://example.com/calc#\"]");
		assertThat(client.connection().getUri("calc:div")).isEqualTo("http://example.com/calc#div");
	}

	@Test
	void eventCarriesTheFullUriWhenSubscribedWithCurie() {
		Client client = connect();
		client.send("[1,\"t\",\"http://example.com/topic/\"]");
		client.send("[5,\"t:news\"]");
		client.send("[7,\"t:news\",{\"a\":1}]");
		assertThat(client.nextText()).isEqualTo("[8,\"http://example.com/topic/news\",{\"a\":1}]");
	}

	@Test
	void connectionEventExpandsCurie() {
		Client client = connect();
		client.send("[1,\"t\",\"http://example.com/topic/\"]");
		client.connection().event("t:direct", "hi");
		assertThat(client.nextText()).isEqualTo("[8,\"http://example.com/topic/direct\",\"hi\"]");
	}

	// ---- CALL

	@Test
	void callArgumentsArePositional() {
		Client client = connect();
		client.send("[2,\"c1\",\"sample/sum\",1,2,3]");
		assertThat(client.nextText()).isEqualTo("[3,\"c1\",6]");
	}

	@Test
	void singleArrayArgumentIsAlsoAcceptedAsTheArgumentList() {
		Client client = connect();
		client.send("[2,\"c1\",\"sample/sum\",[1,2,3]]");
		assertThat(client.nextText()).isEqualTo("[3,\"c1\",6]");
		client.send("[2,\"c2\",\"sample/echo\",[1,2,3]]");
		assertThat(client.nextText()).isEqualTo("[3,\"c2\",[[1,2,3]]]");
		assertThat(invocations.get(0).spreadArguments()).hasSize(3);
	}

	@Test
	void callWithoutArgumentsPassesAnEmptyArgumentList() {
		Client client = connect();
		client.send("[2,\"c1\",\"sample/echo\"]");
		assertThat(client.nextText()).isEqualTo("[3,\"c1\",[]]");
		assertThat(invocations.get(0).arguments()).isEmpty();
		assertThat(invocations.get(0).spreadArguments()).isEmpty();
	}

	@Test
	void nestedArrayArgumentsReachTheHandlerUnchanged() {
		Client client = connect();
		client.send("[2,\"c1\",\"sample/echo\",[[1,[2]],{\"a\":[3]}],null]");
		assertThat(client.nextText()).isEqualTo("[3,\"c1\",[[[1,[2]],{\"a\":[3]}],null]]");
		// Two arguments: the single-array list form does not apply.
		assertThat(invocations.get(0).spreadArguments()).hasSize(2);
	}

	@Test
	void callIdIsEchoedExactlyUpToTheUriLengthLimit() {
		String callId = "\u00e9".repeat(2048);
		Client client = connect();
		client.send("[2,\"" + callId + "\",\"sample/void\"]");
		assertThat(client.nextText()).isEqualTo("[3,\"" + callId + "\",null]");
		client.send("[2,\"" + callId + "x\",\"sample/void\"]");
		CloseStatus status = client.awaitClose();
		assertThat(status.code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
		assertThat(status.reason()).contains("callId longer than 2048");
	}

	@Test
	void numericCallIdClosesWith1007() {
		Client client = connect();
		client.send("[2,1,\"sample/echo\"]");
		CloseStatus status = client.awaitClose();
		assertThat(status.code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
		assertThat(status.reason()).isEqualTo("CALL: callId must be a string");
		assertThat(invocations).isEmpty();
	}

	@Test
	void curieWithEmptyRestExpandsToThePrefixUriAlone() {
		Client client = connect();
		client.send("[1,\"calc\",\"http://example.com/calc#\"]");
		client.send("[2,\"c1\",\"calc:\"]");
		// {op} needs at least one character, so the bare prefix URI routes nowhere.
		assertThat(client.nextText()).isEqualTo("[4,\"c1\",\"http://api.wamp.ws/error#NoSuchRPCEndpoint\","
				+ "\"No such procedure: http://example.com/calc#\",{\"code\":404,\"uri\":\"http://example.com/calc#\"}]");
	}

	@Test
	void unicodeProcedureUriReachesItsHandler() {
		Client client = connect();
		client.send("[1,\"k\",\"http://example.com/calc#\"]");
		client.send("[2,\"c1\",\"k:\u00e9t\u00e9\u2603\ud83d\ude00\"]");
		assertThat(client.nextText()).isEqualTo("[3,\"c1\",\"\u00e9t\u00e9\u2603\ud83d\ude00\"]");
	}

	@Test
	void patternVariablesReachTheHandler() {
		Client client = connect();
		client.send("[2,\"c1\",\"http://example.com/calc#sqrt\"]");
		assertThat(client.nextText()).isEqualTo("[3,\"c1\",\"sqrt\"]");
	}

	@Test
	void unknownProcedureAnswersNoSuchRpcEndpointWithCodeAndUriDetails() {
		Client client = connect();
		client.send("[2,\"c1\",\"sample/missing\"]");
		assertThat(client.nextText()).isEqualTo("[4,\"c1\",\"http://api.wamp.ws/error#NoSuchRPCEndpoint\","
				+ "\"No such procedure: sample/missing\",{\"code\":404,\"uri\":\"sample/missing\"}]");
		assertThat(listener.calls).containsExactly(WampServerListener.CallOutcome.NO_SUCH_PROCEDURE);
	}

	@Test
	void unknownProcedureErrorUsesTheConfiguredBase() {
		settings.errors = new WampErrors("urn:err:");
		start();
		Client client = connect();
		client.send("[2,\"c1\",\"sample/missing\"]");
		assertThat(client.next(WampMessage.CallError.class).errorUri()).isEqualTo("urn:err:NoSuchRPCEndpoint");
	}

	@Test
	void wampExceptionBecomesThatCallErrorWithDetails() {
		Client client = connect();
		client.send("[2,\"c1\",\"sample/fail\"]");
		assertThat(client.nextText())
			.isEqualTo("[4,\"c1\",\"http://example.com/error#odd\",\"Odd number\",{\"value\":3}]");
		assertThat(listener.calls).containsExactly(WampServerListener.CallOutcome.APPLICATION_ERROR);
	}

	@Test
	void wampExceptionWithoutDetailsBecomesTheFourElementCallError() {
		Client client = connect();
		client.send("[2,\"c1\",\"sample/fail-plain\"]");
		assertThat(client.nextText()).isEqualTo("[4,\"c1\",\"http://example.com/error#plain\",\"Plain failure\"]");
	}

	@Test
	void otherExceptionAnswersGenericCallErrorWithoutItsText() {
		Client client = connect();
		client.send("[2,\"c1\",\"sample/crash\"]");
		String answer = client.nextText();
		assertThat(answer).isEqualTo("[4,\"c1\",\"http://api.wamp.ws/error#InternalError\",\"Internal error\"]");
		assertThat(answer).doesNotContain("hunter2").doesNotContain("IllegalStateException");
		assertThat(listener.calls).containsExactly(WampServerListener.CallOutcome.INTERNAL_ERROR);
		assertThat(listener.errors).singleElement().isInstanceOf(IllegalStateException.class);
	}

	@Test
	void asynchronousFailureOfUnexpectedTypeAnswersGenericCallError() {
		Client client = connect();
		client.send("[2,\"c1\",\"sample/crashed-future\"]");
		assertThat(client.nextText())
			.isEqualTo("[4,\"c1\",\"http://api.wamp.ws/error#InternalError\",\"Internal error\"]");
	}

	@Test
	void asynchronousWampExceptionBecomesThatCallError() {
		Client client = connect();
		client.send("[2,\"c1\",\"sample/failed-mono\"]");
		assertThat(client.nextText()).isEqualTo("[4,\"c1\",\"http://example.com/error#async\",\"Async failure\"]");
	}

	@Test
	void resultMayBeMonoPublisherCompletionStageOrNull() {
		Client client = connect();
		client.send("[2,\"m\",\"sample/mono\"]");
		assertThat(client.nextText()).isEqualTo("[3,\"m\",\"from mono\"]");
		client.send("[2,\"e\",\"sample/empty-mono\"]");
		assertThat(client.nextText()).isEqualTo("[3,\"e\",null]");
		client.send("[2,\"f\",\"sample/flux\"]");
		assertThat(client.nextText()).isEqualTo("[3,\"f\",\"first\"]");
		client.send("[2,\"cs\",\"sample/future\"]");
		assertThat(client.nextText()).isEqualTo("[3,\"cs\",\"from future\"]");
		client.send("[2,\"v\",\"sample/void\"]");
		assertThat(client.nextText()).isEqualTo("[3,\"v\",null]");
	}

	@Test
	void resultThatCannotBeEncodedAnswersGenericCallError() {
		Client client = connect();
		client.send("[2,\"c1\",\"sample/unencodable\"]");
		assertThat(client.nextText())
			.isEqualTo("[4,\"c1\",\"http://api.wamp.ws/error#InternalError\",\"Internal error\"]");
	}

	@Test
	void callTimeoutAnswersExactlyOnceWithTimeoutError() {
		settings.callTimeout = Duration.ofMillis(50);
		start();
		Client client = connect();
		client.send("[2,\"slow\",\"sample/pending\"]");
		assertThat(client.nextText())
			.isEqualTo("[4,\"slow\",\"http://api.wamp.ws/error#Timeout\",\"The call timed out\"]");
		pendingResult.tryEmitValue("too late");
		// A later CALL is answered next: the late result produced nothing.
		client.send("[2,\"c2\",\"sample/sum\",1]");
		assertThat(client.nextText()).isEqualTo("[3,\"c2\",1]");
		// The timeout is reported on the timer thread just after its answer was queued.
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(listener.calls).containsExactlyInAnyOrder(
					WampServerListener.CallOutcome.TIMEOUT, WampServerListener.CallOutcome.SUCCESS));
	}

	@Test
	void everyCallGetsExactlyOneAnswer() {
		Client client = connect();
		List<String> ids = new ArrayList<>();
		String[] procedures = { "sample/sum", "sample/fail", "sample/crash", "sample/missing", "sample/mono",
				"sample/flux", "sample/future", "sample/void", "sample/failed-mono" };
		for (int i = 0; i < procedures.length; i++) {
			ids.add("id" + i);
			client.send("[2,\"id" + i + "\",\"" + procedures[i] + "\"]");
		}
		List<String> answered = new ArrayList<>();
		for (int i = 0; i < procedures.length; i++) {
			WampMessage answer = client.next();
			answered.add((answer instanceof WampMessage.CallResult result) ? result.callId()
					: ((WampMessage.CallError) answer).callId());
		}
		assertThat(answered).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(client.hasPending()).isFalse();
	}

	@Test
	void callsMayCompleteOutOfOrder() {
		Client client = connect();
		client.send("[2,\"slow\",\"sample/pending\"]");
		client.send("[2,\"fast\",\"sample/sum\",2]");
		assertThat(client.nextText()).isEqualTo("[3,\"fast\",2]");
		pendingResult.tryEmitValue("done");
		assertThat(client.nextText()).isEqualTo("[3,\"slow\",\"done\"]");
	}

	@Test
	void callAnsweredAfterTheConnectionClosedSendsNothing() {
		Client client = connect();
		client.send("[2,\"slow\",\"sample/pending\"]");
		client.close();
		pendingResult.tryEmitValue("late");
		assertThat(client.hasPending()).isFalse();
		assertThat(listener.errors).isEmpty();
	}

	@Test
	void refusedCallAnswersNotAuthorized() {
		server.shutdown(Duration.ZERO).block(Duration.ofSeconds(5));
		server = WampServer.builder()
			.authorizer((connection, action, uri) -> !uri.equals("sample/secret"))
			.rpc("sample/secret", (invocation) -> "secret")
			.build();
		transport = new InMemoryTransport(server);
		Client client = connect();
		client.send("[2,\"c1\",\"sample/secret\"]");
		assertThat(client.nextText())
			.isEqualTo("[4,\"c1\",\"http://api.wamp.ws/error#NotAuthorized\",\"Not authorized: sample/secret\"]");
	}

	// ---- bad input

	@Test
	void malformedMessageClosesWith1007NamingTheViolation() {
		Client client = connect();
		client.send("{not json");
		CloseStatus status = client.awaitClose();
		assertThat(status.code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
		assertThat(status.reason()).contains("not JSON");
	}

	@Test
	void serverOnlyTypeIdClosesWith1007() {
		Client client = connect();
		client.send("[3,\"c1\",1]");
		CloseStatus status = client.awaitClose();
		assertThat(status.code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
		assertThat(status.reason()).contains("type id 3");
	}

	@Test
	void malformedMessageLeavesOtherConnectionsUnaffected() {
		Client bad = connect();
		Client good = connect();
		good.send("[5,\"chat/room\"]");
		bad.send("[99]");
		assertThat(bad.awaitClose().code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
		good.send("[2,\"c1\",\"sample/sum\",5]");
		assertThat(good.nextText()).isEqualTo("[3,\"c1\",5]");
		good.send("[7,\"chat/room\",1]");
		assertThat(good.nextText()).isEqualTo("[8,\"chat/room\",1]");
		assertThat(server.connections().count()).isEqualTo(1);
	}

	@Test
	void closeReasonIsCutToFitACloseFrame() {
		assertThat(DecoratedConnection.truncate("é".repeat(100))).hasSize(61);
		assertThat(DecoratedConnection.truncate("short")).isEqualTo("short");
		// 4-byte characters are kept whole: 30 of them fill 120 of the 123 bytes.
		assertThat(DecoratedConnection.truncate("\ud83d\ude00".repeat(40))).isEqualTo("\ud83d\ude00".repeat(30));
		assertThat(DecoratedConnection.truncate("ab" + "\u20ac".repeat(41)).getBytes(StandardCharsets.UTF_8))
			.hasSize(122);
	}

	@Test
	void binaryFrameClosesWith1003() {
		Client client = connect();
		client.sendBinary();
		assertThat(client.awaitClose())
			.isEqualTo(new CloseStatus(CloseCodes.UNSUPPORTED_DATA, "Binary frames are not supported"));
	}

	@Test
	void messageOverTheSizeLimitClosesWith1009() {
		settings.maxMessageSize = 100;
		start();
		Client client = connect();
		client.send("[2,\"c1\",\"sample/echo\",\"" + "x".repeat(100) + "\"]");
		assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
		assertThat(invocations).isEmpty();
	}

	@Test
	void nothingIsHandledAfterTheConnectionStartedClosing() {
		Client client = connect();
		client.send("[99]");
		client.send("[2,\"c1\",\"sample/echo\"]");
		client.awaitClose();
		assertThat(invocations).isEmpty();
	}

	// ---- order

	@Test
	void messagesOfOneConnectionAreHandledInOrder() {
		Client client = connect();
		for (int i = 0; i < 50; i++) {
			client.send("[5,\"chat/r" + i + "\"]");
			client.send("[7,\"chat/r" + i + "\"," + i + "]");
		}
		for (int i = 0; i < 50; i++) {
			assertThat(client.nextText()).isEqualTo("[8,\"chat/r" + i + "\"," + i + "]");
		}
	}

	@Test
	void eventsOfOnePublisherReachEachSubscriberInPublishOrder() {
		Client publisher = connect();
		List<Client> subscribers = List.of(connect(), connect(), connect());
		subscribers.forEach((s) -> s.send("[5,\"chat/ordered\"]"));
		for (int i = 0; i < 200; i++) {
			publisher.send("[7,\"chat/ordered\"," + i + ",true]");
		}
		for (Client subscriber : subscribers) {
			for (int i = 0; i < 200; i++) {
				assertThat(subscriber.nextText()).isEqualTo("[8,\"chat/ordered\"," + i + "]");
			}
		}
	}

	@Test
	void eventsPublishedFromSeveralThreadsKeepEachPublishersOrder() throws Exception {
		Client subscriber = connect();
		subscriber.send("[5,\"chat/threads\"]");
		int publishers = 4;
		// 800 events stay below the default outbound limit of 1,024 frames, so a reader
		// slowed
		// down by a loaded machine can never trip the overflow policy and hide the
		// ordering
		int perPublisher = 200;
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < publishers; p++) {
			int id = p;
			threads.add(new Thread(() -> {
				for (int i = 0; i < perPublisher; i++) {
					server.publish(new Publication("chat/threads", List.of(id, i))).block();
				}
			}));
		}
		threads.forEach(Thread::start);
		int[] next = new int[publishers];
		for (int n = 0; n < publishers * perPublisher; n++) {
			WampMessage.Event event = subscriber.next(WampMessage.Event.class);
			JsonNode payload = (JsonNode) event.event();
			int publisher = payload.get(0).asInt();
			assertThat(payload.get(1).asInt()).isEqualTo(next[publisher]);
			next[publisher]++;
		}
		for (Thread thread : threads) {
			thread.join(5000);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> threads.stream().noneMatch(Thread::isAlive));
	}

	/** A result Jackson cannot write: its only property throws. */
	public static final class Unencodable {

		public String getValue() {
			throw new IllegalStateException("cannot be written");
		}

	}

}
