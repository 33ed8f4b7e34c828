package dev.websocket.server.spring.webflux;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.websocket.server.connection.CloseStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WAMP v2 client over {@link RawClient} that sends whatever JSON it is given, for the
 * router-side protocol tests: well-formed messages built from Java values, or raw text.
 */
final class RawWamp2Client {

	static final String JSON = "wamp.2.json";

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final RawClient raw;

	/** The session id WELCOME gave, once {@link #welcome()} read it. */
	long welcomeSessionId;

	private RawWamp2Client(RawClient raw) {
		this.raw = raw;
	}

	/** Connects offering {@code wamp.2.json} only; no HELLO yet. */
	static RawWamp2Client connect(URI uri) {
		return new RawWamp2Client(RawClient.connect(uri, Map.of(), List.of(JSON), true));
	}

	/** Connects with handshake headers (say HTTP Basic) offering {@code wamp.2.json}. */
	static RawWamp2Client connect(URI uri, Map<String, String> headers) {
		return new RawWamp2Client(RawClient.connect(uri, headers, List.of(JSON), true));
	}

	/** Connects and joins {@code realm1}. @return the client, WELCOME read */
	static RawWamp2Client join(URI uri) {
		RawWamp2Client client = connect(uri);
		client.welcome();
		return client;
	}

	/** Sends HELLO to {@code realm1} and returns WELCOME. */
	JsonNode welcome() {
		send(1, "realm1", Map.of("roles", Map.of("caller", Map.of(), "subscriber", Map.of(), "publisher", Map.of())));
		JsonNode welcome = next();
		assertThat(welcome.get(0).asInt()).as("WELCOME: " + welcome).isEqualTo(2);
		this.welcomeSessionId = welcome.get(1).asLong();
		return welcome;
	}

	String subprotocol() {
		return this.raw.subprotocol();
	}

	/** Sends a message built from its elements. */
	void send(Object... elements) {
		this.raw.send(mapper.writeValueAsString(List.of(elements)));
	}

	void sendText(String text) {
		this.raw.send(text);
	}

	void sendBinary(byte[] data) {
		this.raw.sendBinary(data);
	}

	/** The next message. */
	JsonNode next() {
		return mapper.readTree(this.raw.next());
	}

	/** The next message of a type, skipping others. */
	JsonNode next(int type) {
		while (true) {
			JsonNode message = next();
			if (message.get(0).asInt() == type) {
				return message;
			}
		}
	}

	/** The next message if one arrives within the wait, else {@code null}. */
	JsonNode nextWithin(java.time.Duration wait) {
		try {
			String text = this.raw.texts().poll(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
			return (text != null) ? mapper.readTree(text) : null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** Whether a message arrives within a short wait. */
	boolean hasMessageWithin(java.time.Duration wait) throws InterruptedException {
		return this.raw.texts().poll(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) != null;
	}

	CloseStatus awaitClose() {
		return this.raw.awaitClose();
	}

	void close() {
		this.raw.close();
	}

	static JsonNode tree(Object value) {
		return mapper.valueToTree(value);
	}

}
