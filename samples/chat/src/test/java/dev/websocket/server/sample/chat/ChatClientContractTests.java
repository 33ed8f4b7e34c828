package dev.websocket.server.sample.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.websocket.server.client.WampCallException;
import dev.websocket.server.client.WampClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sample's public contract (issue 4) through the Java {@link WampClient}, the way an
 * application talks to the server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatClientContractTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	final ChatSockets sockets = new ChatSockets();

	@Test
	void sumOfPositionalArgumentsIsSix() {
		assertThat(this.sockets.client().call("sample/sum", 1, 2, 3).block(TIMEOUT)).isEqualTo(json.readTree("6"));
	}

	@Test
	void sumOfOneListArgumentIsSix() {
		assertThat(this.sockets.client().call("sample/sum", List.of(1, 2, 3)).block(TIMEOUT))
			.isEqualTo(json.readTree("6"));
	}

	@Test
	void echoReturnsAnObjectUnchanged() {
		JsonNode value = json.readTree("{\"nick\":\"ann\",\"tags\":[\"x\",\"y\"],\"n\":null}");
		assertThat(this.sockets.client().call("sample/echo", value).block(TIMEOUT)).isEqualTo(value);
	}

	@Test
	void failErrorsWithTheApplicationUriAndDescription() {
		WampClient client = this.sockets.client();
		assertThatExceptionOfType(WampCallException.class).isThrownBy(() -> client.call("sample/fail").block(TIMEOUT))
			.satisfies((ex) -> {
				assertThat(ex.errorUri()).isEqualTo("http://example.com/error#sample-failure");
				assertThat(ex.description()).isEqualTo("sample/fail always fails");
			});
	}

	@Test
	void unknownProcedureErrorsWithNoSuchRpcEndpoint() {
		WampClient client = this.sockets.client();
		assertThatExceptionOfType(WampCallException.class)
			.isThrownBy(() -> client.call("sample/unknown").block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.errorUri()).isEqualTo("http://api.wamp.ws/error#NoSuchRPCEndpoint"));
	}

	@Test
	void chatPublishReachesAnotherSubscriberAndThePublisher() {
		String room = "chat/client-1";
		BlockingQueue<JsonNode> publisherEvents = new LinkedBlockingQueue<>();
		BlockingQueue<JsonNode> otherEvents = new LinkedBlockingQueue<>();
		WampClient publisher = this.sockets.client();
		WampClient other = this.sockets.client();
		subscribe(publisher, room, publisherEvents);
		subscribe(other, room, otherEvents);
		JsonNode message = json.readTree("{\"type\":\"message\",\"nick\":\"ann\",\"text\":\"hello\"}");

		publisher.publish(room, message).block(TIMEOUT);

		assertThat(nextMessage(otherEvents)).isEqualTo(message);
		assertThat(nextMessage(publisherEvents)).isEqualTo(message);
	}

	@Test
	void chatPublishWithExcludeMeSkipsThePublisher() {
		String room = "chat/client-2";
		BlockingQueue<JsonNode> publisherEvents = new LinkedBlockingQueue<>();
		BlockingQueue<JsonNode> otherEvents = new LinkedBlockingQueue<>();
		WampClient publisher = this.sockets.client();
		WampClient other = this.sockets.client();
		subscribe(publisher, room, publisherEvents);
		subscribe(other, room, otherEvents);

		publisher.publish(room, json.readTree("{\"text\":\"first\"}"), true).block(TIMEOUT);
		publisher.publish(room, json.readTree("{\"text\":\"second\"}")).block(TIMEOUT);

		assertThat(nextMessage(otherEvents).get("text").asString()).isEqualTo("first");
		assertThat(nextMessage(otherEvents).get("text").asString()).isEqualTo("second");
		// Events of one publisher arrive in order: the first the publisher sees is the
		// second.
		assertThat(nextMessage(publisherEvents).get("text").asString()).isEqualTo("second");
	}

	@Test
	void restPostPublishesTheBodyToTheRoom() throws Exception {
		String room = "client-3";
		BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
		subscribe(this.sockets.client(), "chat/" + room, events);
		String body = "{\"type\":\"message\",\"nick\":\"rest\",\"text\":\"pushed\"}";

		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.sockets.port() + "/api/rooms/" + room + "/messages"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.timeout(TIMEOUT)
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(nextMessage(events)).isEqualTo(json.readTree(body));
	}

	/**
	 * Subscribes and waits for the client's own presence event, so the subscription is in
	 * place.
	 */
	private static void subscribe(WampClient client, String topic, BlockingQueue<JsonNode> events) {
		BlockingQueue<JsonNode> presence = new LinkedBlockingQueue<>();
		client.subscribe(topic, (event) -> (isPresence(event) ? presence : events).add(event)).block(TIMEOUT);
		try {
			while (true) {
				JsonNode event = presence.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				assertThat(event).as("own presence event within %s", TIMEOUT).isNotNull();
				if (event.get("session").asString().equals(client.sessionId())) {
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The next chat message. */
	private static JsonNode nextMessage(BlockingQueue<JsonNode> events) {
		try {
			JsonNode event = events.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			assertThat(event).as("an event within %s", TIMEOUT).isNotNull();
			return event;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isPresence(JsonNode event) {
		return event.isObject() && event.path("type").asString("").equals("presence");
	}

}
