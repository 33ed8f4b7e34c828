package dev.websocket.server.sample.chat;

import java.net.URI;
import java.time.Duration;

import dev.websocket.server.client.WampClient;
import dev.websocket.server.testing.Cleanups;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.junit.jupiter.SpringExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sockets one test opens to the sample of its {@code @SpringBootTest} (at
 * {@code local.server.port}), each aborted when the test ends whatever its outcome: core
 * WAMP v1 clients and raw WebSockets with their WELCOME read. Registered as an instance
 * field:
 *
 * <pre>{@code @RegisterExtension
 * final ChatSockets sockets = new ChatSockets();}</pre>
 */
final class ChatSockets implements BeforeEachCallback, AfterEachCallback {

	/** The deadline for a WELCOME. */
	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Cleanups cleanups = new Cleanups();

	private @Nullable ExtensionContext test;

	/** The sample's HTTP port. */
	int port() {
		if (this.test == null) {
			throw new IllegalStateException("ChatSockets is used outside a test");
		}
		return SpringExtension.getApplicationContext(this.test)
			.getEnvironment()
			.getRequiredProperty("local.server.port", Integer.class);
	}

	/** The WAMP endpoint with a query ({@code ""} or, say, {@code "?nick=ann"}). */
	URI ws(String query) {
		return URI.create("ws://localhost:" + port() + "/ws" + query);
	}

	/** A core v1 client, WELCOME received. */
	WampClient client() {
		return client("");
	}

	/** A core v1 client of the endpoint with a query, WELCOME received. */
	WampClient client(String query) {
		WampClient client = WampClient.connect(ws(query)).block(TIMEOUT);
		assertThat(client).as("a v1 session within " + TIMEOUT).isNotNull();
		return track(client);
	}

	/** Aborts the client after the test. */
	WampClient track(WampClient client) {
		return this.cleanups.add(client, WampClient::abort);
	}

	/**
	 * A raw socket offering {@code wamp}, its WELCOME read and its session id recorded.
	 */
	RawWebSocket wamp() throws InterruptedException {
		return wamp("");
	}

	/** A raw socket of the endpoint with a query, its WELCOME read. */
	RawWebSocket wamp(String query) throws InterruptedException {
		RawWebSocket socket = this.cleanups.add(RawWebSocket.openWamp(ws(query)), RawWebSocket::abort);
		JsonNode welcome = json.readTree(socket.next());
		assertThat(welcome.get(0).asInt()).as("WELCOME").isZero();
		socket.welcomed(welcome.get(1).asString());
		return socket;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.test = context;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.test = null;
		this.cleanups.run();
	}

}
