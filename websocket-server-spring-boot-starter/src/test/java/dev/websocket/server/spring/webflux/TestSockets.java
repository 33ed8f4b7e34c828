package dev.websocket.server.spring.webflux;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.websocket.server.client.WampClient;
import dev.websocket.server.testing.Cleanups;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The sockets one test opens, each closed when the test ends whatever its outcome: raw
 * WAMP v2 clients, core WAMP v1 clients and raw WebSocket clients, on the test's own
 * server ({@code ws://localhost:<local.server.port>/ws} of a {@code @SpringBootTest}) or
 * on a node given by its URI. Registered as an instance field:
 *
 * <pre>{@code @RegisterExtension
 * final TestSockets sockets = new TestSockets();}</pre>
 */
final class TestSockets implements BeforeEachCallback, AfterEachCallback {

	/** The deadline for a v1 client's WELCOME. */
	static final Duration DEADLINE = Duration.ofSeconds(20);

	private final Cleanups cleanups = new Cleanups();

	private @Nullable ExtensionContext test;

	/** The endpoint of a node started by the test itself. */
	static URI uri(ApplicationContext node) {
		return URI.create("ws://127.0.0.1:" + ((WebServerApplicationContext) node).getWebServer().getPort() + "/ws");
	}

	/** The endpoint of the test's {@code @SpringBootTest} server. */
	URI uri() {
		if (this.test == null) {
			throw new IllegalStateException("TestSockets is used outside a test");
		}
		// looked up when first needed: a test class without a Spring context has no port
		Integer port = SpringExtension.getApplicationContext(this.test)
			.getEnvironment()
			.getRequiredProperty("local.server.port", Integer.class);
		return URI.create("ws://localhost:" + port + "/ws");
	}

	/** A v2 client offering {@code wamp.2.json}, no HELLO yet. */
	RawWamp2Client connect() {
		return track(RawWamp2Client.connect(uri()));
	}

	/**
	 * A v2 client offering one subprotocol ({@code wamp.2.json} or {@code wamp.2.cbor}).
	 */
	RawWamp2Client connect(String subprotocol) {
		return track(RawWamp2Client.connect(uri(), subprotocol));
	}

	/** A v2 client with handshake headers (say HTTP Basic), no HELLO yet. */
	RawWamp2Client connect(Map<String, String> headers) {
		return connect(uri(), headers);
	}

	/** A v2 client of a node with handshake headers, no HELLO yet. */
	RawWamp2Client connect(URI uri, Map<String, String> headers) {
		return track(RawWamp2Client.connect(uri, headers));
	}

	/** A v2 client joined to {@code realm1} over {@code wamp.2.json}, WELCOME read. */
	RawWamp2Client join() {
		return join(uri());
	}

	/** A v2 client joined to {@code realm1} over the subprotocol, WELCOME read. */
	RawWamp2Client join(String subprotocol) {
		RawWamp2Client client = connect(subprotocol);
		client.welcome();
		return client;
	}

	/** A v2 client of a node joined to {@code realm1}, WELCOME read. */
	RawWamp2Client join(URI uri) {
		RawWamp2Client client = connect(uri, Map.of());
		client.welcome();
		return client;
	}

	/** A core v1 client, WELCOME received. */
	WampClient v1() {
		return v1(uri());
	}

	/** A core v1 client of a node, WELCOME received. */
	WampClient v1(URI uri) {
		WampClient client = WampClient.connect(uri).block(DEADLINE);
		if (client == null) {
			throw new AssertionError("no v1 session with " + uri);
		}
		return this.cleanups.add(client, WampClient::abort);
	}

	/** A raw client offering {@code wamp} (v1) that keeps reading. */
	RawClient raw(URI uri) {
		return this.cleanups.add(RawClient.connect(uri), RawClient::close);
	}

	private RawWamp2Client track(RawWamp2Client client) {
		return this.cleanups.add(client, RawWamp2Client::close);
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
