package dev.websocket.server.sample.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The sample's public contract (issue 4) on the wire: raw WAMP v1 frames over a JDK
 * WebSocket against the running app, for exact JSON and for what a well-behaved client
 * never sends.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatWireContractTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	final ChatSockets sockets = new ChatSockets();

	// --- RPC
	// -----------------------------------------------------------------------------------

	@Test
	void sumOnTheWireIsAnIntegralNumber() throws Exception {
		RawWebSocket socket = this.sockets.wamp();
		socket.send("[2,\"c1\",\"sample/sum\",1,2,3]");
		socket.send("[2,\"c2\",\"sample/sum\",[1,2,3]]");
		socket.send("[2,\"c3\",\"sample/sum\",1.5,2.25]");
		assertThat(List.of(socket.next(), socket.next(), socket.next())).containsExactlyInAnyOrder("[3,\"c1\",6]",
				"[3,\"c2\",6]", "[3,\"c3\",3.75]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"a\":[1,{\"b\":null}],\"c\":\"d\"}", "[1,\"two\",3.5,[]]", "\"text\"", "null", "42",
			"true" })
	void echoReturnsItsFirstArgumentUnchanged(String value) throws Exception {
		RawWebSocket socket = this.sockets.wamp();
		socket.send("[2,\"e\",\"sample/echo\"," + value + "]");
		assertThat(json.readTree(socket.next())).isEqualTo(json.readTree("[3,\"e\"," + value + "]"));
	}

	@Test
	void failAnswersACallErrorWithAnApplicationUriAndDescription() throws Exception {
		RawWebSocket socket = this.sockets.wamp();
		socket.send("[2,\"f\",\"sample/fail\"]");
		JsonNode error = json.readTree(socket.next());
		assertThat(error.get(0).asInt()).isEqualTo(4);
		assertThat(error.get(1).asString()).isEqualTo("f");
		assertThat(error.get(2).asString()).isEqualTo("http://example.com/error#sample-failure");
		assertThat(error.get(3).asString()).isEqualTo("sample/fail always fails");
	}

	@Test
	void sumOfSomethingThatIsNotANumberAnswersACallError() throws Exception {
		RawWebSocket socket = this.sockets.wamp();
		socket.send("[2,\"n\",\"sample/sum\",1,\"two\"]");
		JsonNode error = json.readTree(socket.next());
		assertThat(error.get(0).asInt()).isEqualTo(4);
		assertThat(error.get(1).asString()).isEqualTo("n");
	}

	@Test
	void unknownProcedureAnswersNoSuchRpcEndpoint() throws Exception {
		RawWebSocket socket = this.sockets.wamp();
		socket.send("[2,\"u\",\"sample/nothing-here\"]");
		JsonNode error = json.readTree(socket.next());
		assertThat(error.get(0).asInt()).isEqualTo(4);
		assertThat(error.get(1).asString()).isEqualTo("u");
		assertThat(error.get(2).asString()).isEqualTo("http://api.wamp.ws/error#NoSuchRPCEndpoint");
	}

	// --- chat/{room}
	// ---------------------------------------------------------------------------

	@Test
	void chatPublishWithEligibleReachesOnlyTheListedSessions() throws Exception {
		String room = "chat/contract-eligible";
		RawWebSocket publisher = joined(room, 1);
		RawWebSocket chosen = joined(room, 2);
		RawWebSocket other = joined(room, 3);

		publisher.send("[7,\"" + room + "\",{\"text\":\"for you\"},[],[\"" + chosen.sessionId() + "\"]]");
		publisher.send("[7,\"" + room + "\",{\"text\":\"for all\"}]");

		assertThat(nextChatText(chosen)).isEqualTo("for you");
		assertThat(nextChatText(other)).isEqualTo("for all");
		assertThat(nextChatText(publisher)).isEqualTo("for all");
	}

	@Test
	void chatPublishWithAnExcludeListSkipsThoseSessions() throws Exception {
		String room = "chat/contract-exclude";
		RawWebSocket publisher = joined(room, 1);
		RawWebSocket excluded = joined(room, 2);
		RawWebSocket other = joined(room, 3);

		publisher.send("[7,\"" + room + "\",{\"text\":\"not for you\"},[\"" + excluded.sessionId() + "\"]]");
		publisher.send("[7,\"" + room + "\",{\"text\":\"for all\"}]");

		assertThat(nextChatText(other)).isEqualTo("not for you");
		assertThat(nextChatText(publisher)).isEqualTo("not for you");
		assertThat(nextChatText(excluded)).isEqualTo("for all");
	}

	@Test
	void joiningARoomSendsTheNewcomerTheMemberListAndTheOthersTheChange() throws Exception {
		RawWebSocket ann = this.sockets.wamp("?nick=ann");
		ann.send("[5,\"chat/contract-4\"]");
		awaitPresenceCount(ann, 1);
		RawWebSocket bob = this.sockets.wamp("?nick=bob");
		bob.send("[5,\"chat/contract-4\"]");

		JsonNode welcome = nextPresence(bob);
		assertThat(welcome.get("action").asString()).isEqualTo("joined");
		assertThat(welcome.get("session").asString()).isEqualTo(bob.sessionId());
		assertThat(welcome.get("count").asInt()).isEqualTo(2);
		assertThat(welcome.get("members").findValuesAsString("nick")).containsExactly("ann", "bob");
		JsonNode joined = nextPresence(ann);
		assertThat(joined.get("action").asString()).isEqualTo("joined");
		assertThat(joined.get("nick").asString()).isEqualTo("bob");
		assertThat(joined.get("count").asInt()).isEqualTo(2);
		assertThat(joined.has("members")).as("the others get the change, not the list").isFalse();

		bob.send("[6,\"chat/contract-4\"]");
		JsonNode left = nextPresence(ann);
		assertThat(left.get("action").asString()).isEqualTo("left");
		assertThat(left.get("nick").asString()).isEqualTo("bob");
		assertThat(left.get("count").asInt()).isEqualTo(1);
	}

	@Test
	void aPercentEncodedNickAmongOtherParametersIsDecoded() throws Exception {
		RawWebSocket zoe = this.sockets.wamp("?room=x&nick=Zo%C3%A9%20M");
		zoe.send("[5,\"chat/contract-nick\"]");

		assertThat(nextPresence(zoe).get("nick").asString()).isEqualTo("Zoé M");
	}

	@Test
	void aMissingNickIsAnonymous() throws Exception {
		RawWebSocket socket = this.sockets.wamp("?room=x");
		socket.send("[5,\"chat/contract-anonymous\"]");

		assertThat(nextPresence(socket).get("nick").asString()).isEqualTo("anonymous");
	}

	// --- sample/clock
	// --------------------------------------------------------------------------

	@Test
	void clockTicksAboutEverySecondWhileSubscribed() throws Exception {
		RawWebSocket socket = this.sockets.wamp();
		socket.send("[5,\"sample/clock\"]");
		List<Instant> times = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			JsonNode event = json.readTree(socket.next());
			assertThat(event.get(0).asInt()).isEqualTo(8);
			assertThat(event.get(1).asString()).isEqualTo("sample/clock");
			times.add(Instant.parse(event.get(2).get("time").asString()));
		}
		assertThat(times).isSorted().doesNotHaveDuplicates();
	}

	@Test
	void clockStopsAfterUnsubscribe() throws Exception {
		RawWebSocket socket = this.sockets.wamp();
		socket.send("[5,\"sample/clock\"]");
		socket.next();
		socket.send("[6,\"sample/clock\"]");
		// A tick already on its way may still arrive; after that, silence.
		socket.messages().poll(1500, TimeUnit.MILLISECONDS);
		socket.messages().clear();
		await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> socket.messages().isEmpty());
	}

	// --- protocol limits and handshake
	// ---------------------------------------------------------

	@Test
	void malformedMessageClosesWith1007() throws Exception {
		RawWebSocket socket = this.sockets.wamp();
		socket.send("this is not JSON");
		assertThat(socket.closeCode()).isEqualTo(1007);
	}

	@Test
	void frameOver64KiBClosesWith1009() throws Exception {
		RawWebSocket socket = this.sockets.wamp();
		socket.send("[2,\"big\",\"sample/echo\",\"" + "x".repeat(70 * 1024) + "\"]");
		assertThat(socket.closeCode()).isEqualTo(1009);
	}

	@Test
	void foreignOriginIsRefusedWith403() {
		assertThatThrownBy(() -> RawWebSocket.open(this.sockets.ws(""), List.of("wamp"),
				(builder) -> builder.header("Origin", "http://evil.example")))
			.isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(403));
	}

	@Test
	void handshakeWithoutTheWampSubprotocolIsRefused() {
		assertThatThrownBy(() -> RawWebSocket.open(this.sockets.ws(""), List.of(), (builder) -> {
		})).isInstanceOf(CompletionException.class).cause().isInstanceOf(WebSocketHandshakeException.class);
	}

	// --- HTTP
	// ----------------------------------------------------------------------------------

	@Test
	void actuatorHealthIsUp() throws Exception {
		HttpResponse<String> response = get("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = json.readTree(response.body());
		assertThat(health.get("status").asString()).isEqualTo("UP");
		// Redis is on the classpath for the optional broker, but not checked unless it is
		// used
		assertThat(health.get("components").has("redis")).isFalse();
	}

	@Test
	void actuatorMetricsAreExposed() throws Exception {
		HttpResponse<String> response = get("/actuator/metrics");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json.readTree(response.body()).get("names").isArray()).isTrue();
	}

	@Test
	void chatPageAndItsClientAreServed() throws Exception {
		assertThat(get("/").body()).contains("js/chat.js").contains("/wamp-client/ab.js");
		HttpResponse<String> client = get("/wamp-client/wamp.js");
		assertThat(client.statusCode()).isEqualTo(200);
		assertThat(client.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).contains("javascript"));
		assertThat(client.body()).contains("export function connect");
	}

	// --- helpers
	// -------------------------------------------------------------------------------

	/** The next chat message, skipping presence events. */

	private static boolean isPresence(JsonNode event) {
		return event.isObject() && event.path("type").asString("").equals("presence");
	}

	/**
	 * A new socket subscribed to a room, once its own presence event shows {@code count}
	 * members.
	 */
	private RawWebSocket joined(String room, int count) throws InterruptedException {
		RawWebSocket socket = this.sockets.wamp();
		socket.send("[5,\"" + room + "\"]");
		awaitPresenceCount(socket, count);
		return socket;
	}

	private static JsonNode nextPresence(RawWebSocket socket) throws InterruptedException {
		while (true) {
			JsonNode message = json.readTree(socket.next());
			if (message.get(0).asInt() == 8 && isPresence(message.get(2))) {
				return message.get(2);
			}
		}
	}

	private static void awaitPresenceCount(RawWebSocket socket, int count) throws InterruptedException {
		while (nextPresence(socket).get("count").asInt() != count) {
			// earlier presence events
		}
	}

	/** The text of the next chat EVENT, skipping everything else. */
	private static String nextChatText(RawWebSocket socket) throws InterruptedException {
		while (true) {
			JsonNode message = json.readTree(socket.next());
			if (message.get(0).asInt() == 8 && !isPresence(message.get(2))) {
				return message.get(2).get("text").asString();
			}
		}
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(http(path)).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI http(String path) {
		return URI.create("http://localhost:" + this.sockets.port() + path);
	}

}
