package dev.websocket.server.spring.webflux;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.websocket.server.connection.CloseStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WAMP v2 client over {@link RawClient} that sends whatever it is given, for the
 * router-side protocol tests: well-formed messages built from Java values (JSON text
 * frames, or CBOR binary frames on a {@code wamp.2.cbor} client), or raw text and bytes.
 * Messages read are JSON trees whichever the serialization.
 */
final class RawWamp2Client {

	static final String JSON = "wamp.2.json";

	static final String CBOR = "wamp.2.cbor";

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final CBORMapper cborMapper = CBORMapper.builder().build();

	private final RawClient raw;

	private final boolean cbor;

	/** The session id WELCOME gave, once {@link #welcome()} read it. */
	long welcomeSessionId;

	private RawWamp2Client(RawClient raw, boolean cbor) {
		this.raw = raw;
		this.cbor = cbor;
	}

	/** Connects offering {@code wamp.2.json} only; no HELLO yet. */
	static RawWamp2Client connect(URI uri) {
		return new RawWamp2Client(RawClient.connect(uri, Map.of(), List.of(JSON), true), false);
	}

	/** Connects offering one subprotocol ({@code wamp.2.json} or {@code wamp.2.cbor}). */
	static RawWamp2Client connect(URI uri, String subprotocol) {
		return new RawWamp2Client(RawClient.connect(uri, Map.of(), List.of(subprotocol), true),
				CBOR.equals(subprotocol));
	}

	/** Connects with a subprotocol and joins {@code realm1}. */
	static RawWamp2Client join(URI uri, String subprotocol) {
		RawWamp2Client client = connect(uri, subprotocol);
		client.welcome();
		return client;
	}

	/** Connects with handshake headers (say HTTP Basic) offering {@code wamp.2.json}. */
	static RawWamp2Client connect(URI uri, Map<String, String> headers) {
		return new RawWamp2Client(RawClient.connect(uri, headers, List.of(JSON), true), false);
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

	/**
	 * Subscribes and returns the subscription id, asserting that SUBSCRIBED answers the
	 * request.
	 */
	long subscribe(long request, Map<String, ?> options, String topic) {
		send(32, request, options, topic);
		JsonNode subscribed = next(33);
		assertThat(subscribed.get(1).asLong()).as("SUBSCRIBED: " + subscribed).isEqualTo(request);
		return subscribed.get(2).asLong();
	}

	/**
	 * Registers and returns the registration id, asserting that REGISTERED answers the
	 * request.
	 */
	long register(long request, String procedure) {
		send(64, request, Map.of(), procedure);
		JsonNode registered = next(65);
		assertThat(registered.get(1).asLong()).as("REGISTERED: " + registered).isEqualTo(request);
		return registered.get(2).asLong();
	}

	String subprotocol() {
		return this.raw.subprotocol();
	}

	/** Sends a message built from its elements, in the client's serialization. */
	void send(Object... elements) {
		if (this.cbor) {
			this.raw.sendBinary(cborMapper.writeValueAsBytes(List.of(elements)));
		}
		else {
			this.raw.send(mapper.writeValueAsString(List.of(elements)));
		}
	}

	void sendText(String text) {
		this.raw.send(text);
	}

	void sendBinary(byte[] data) {
		this.raw.sendBinary(data);
	}

	/** The next message (a binary one, decoded from CBOR, on a CBOR client). */
	JsonNode next() {
		return this.cbor ? cborMapper.readTree(this.raw.nextBinary()) : mapper.readTree(this.raw.next());
	}

	/** Whether a text frame arrived within a short wait (a CBOR client expects none). */
	boolean hasTextWithin(java.time.Duration wait) throws InterruptedException {
		return this.raw.texts().poll(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) != null;
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
		java.util.concurrent.BlockingQueue<?> queue = this.cbor ? this.raw.binaries() : this.raw.texts();
		return queue.poll(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) != null;
	}

	/** Whether the socket has closed (the server's close frame arrived, or it ended). */
	boolean isClosed() {
		return this.raw.closed().isDone();
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
