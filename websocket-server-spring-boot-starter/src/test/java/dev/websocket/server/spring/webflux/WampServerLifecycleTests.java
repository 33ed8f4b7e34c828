package dev.websocket.server.spring.webflux;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.websocket.server.client.WampClient;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.engine.Connections;
import dev.websocket.server.middleware.HandshakeRejectedException;
import dev.websocket.server.spring.event.WampConnectionClosedEvent;
import dev.websocket.server.spring.event.WampHandshakeRejectedEvent;
import dev.websocket.server.spring.push.WampTemplate;
import reactor.netty.http.Http11SslContextSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint over {@code wss://} (Boot's {@code server.ssl} with a self-signed
 * certificate made for the test), a lenient subprotocol check, the handshake timeout,
 * keep-alive pings, the idle timeout, and the graceful shutdown that closes every
 * connection with 1001 after flushing what was queued. The shutdown test closes the
 * application, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WampServerLifecycleTests {

	private static final Duration T = Duration.ofSeconds(10);

	private static final String PASSWORD = "changeit";

	private static Path keyStore;

	private static ConfigurableApplicationContext context;

	private static URI uri;

	private static SSLContext ssl;

	private static TrustManagerFactory trust;

	@BeforeAll
	static void start() throws Exception {
		keyStore = Files.createTempDirectory(Path.of("target"), "tls").resolve("server.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
				"CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
				keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
			.redirectErrorStream(true)
			.start();
		assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			store.load(in, PASSWORD.toCharArray());
		}
		trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		ssl = SSLContext.getInstance("TLS");
		ssl.init(null, trust.getTrustManagers(), null);
		context = new SpringApplicationBuilder(TestApplication.class)
			.properties("server.port=0", "server.ssl.key-store=file:" + keyStore.toAbsolutePath(),
					"server.ssl.key-store-type=PKCS12", "server.ssl.key-store-password=" + PASSWORD,
					"websocket.server.keep-alive.ping-interval=500ms",
					"websocket.server.keep-alive.max-unanswered-pings=2", "websocket.server.shutdown-grace=5s",
					"websocket.server.idle-timeout=4s", "websocket.server.strict-subprotocol=false",
					"websocket.server.handshake-timeout=2s")
			.run();
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		uri = URI.create("wss://localhost:" + port + "/ws");
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	@Order(1)
	void servesWampOverTls() {
		WampClient client = connect();
		assertThat(client.call(BASE + "calc#sum", 20, 22).block(T).asLong()).isEqualTo(42);
		client.close().block(T);
	}

	@Test
	@Order(1)
	void acceptsAClientWithoutTheSubprotocolWhenNotStrict() {
		RawClient raw = RawClient.connect(HttpClient.newBuilder().sslContext(ssl).build(), uri, Map.of(), List.of(),
				true);
		assertThat(raw.subprotocol()).isEmpty();
		assertThat(raw.next()).startsWith("[0,");
		raw.close();
		assertThat(raw.awaitClose().code()).isEqualTo(1000);
		WampClient client = connect();
		client.close().block(T);
	}

	@Test
	@Order(1)
	void answers503WhenTheHandshakeCannotCompleteInTime() {
		assertThat(RawClient.refusedStatus(HttpClient.newBuilder().sslContext(ssl).build(), uri,
				Map.of("X-Slow-Principal", "yes"), List.of("wamp")))
			.isEqualTo(503);
		WampHandshakeRejectedEvent event = context.getBean(EventRecorder.class)
			.await(WampHandshakeRejectedEvent.class, (e) -> e.getRequest().header("x-slow-principal") != null);
		assertThat(event.getReason()).isEqualTo(HandshakeRejectedException.Reason.UNAVAILABLE);
		assertThat(event.getStatus()).isEqualTo(503);
	}

	@Test
	@Order(2)
	void keepsAClientThatAnswersPings() {
		WampClient client = connect();
		Connections connections = context.getBean(Connections.class);
		// several ping intervals pass while the (pong-answering) client stays connected
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(3))
			.until(() -> connections.find(client.sessionId()).isPresent());
		client.close().block(T);
	}

	@Test
	@Order(3)
	void closesAClientThatStopsAnsweringPingsWith1001() {
		reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create()
			.secure((spec) -> spec
				.sslContext(Http11SslContextSpec.forClient().configure((builder) -> builder.trustManager(trust))));
		StalledClient stalled = StalledClient.connect(netty, uri);
		String sessionId = WampEndpointIntegrationTests.sessionIdOf(stalled.welcome());
		try {
			WampConnectionClosedEvent closed = context.getBean(EventRecorder.class)
				.awaitFor(WampConnectionClosedEvent.class, sessionId);
			assertThat(closed.getCode()).isEqualTo(1001);
			assertThat(context.getBean(Connections.class).find(sessionId)).isEmpty();
		}
		finally {
			stalled.dispose();
		}
	}

	@Test
	@Order(4)
	void closesAConnectionThatSendsNothingForTheIdleTimeoutWith1001() {
		WampClient client = connect();
		CloseStatus status = client.closed().block(T);
		assertThat(status.code()).isEqualTo(1001);
		assertThat(status.reason()).isEqualTo("Idle timeout");
	}

	@Test
	@Order(5)
	void closesEveryConnectionWith1001OnShutdownAfterFlushingQueuedEvents() {
		String topic = BASE + "chat/shutdown";
		WampClient client = connect();
		List<JsonNode> received = new CopyOnWriteArrayList<>();
		client.subscribe(topic, received::add).block(T);
		client.call(BASE + "calc#sum").block(T);
		WampTemplate template = context.getBean(WampTemplate.class);
		for (int i = 0; i < 50; i++) {
			template.publish(topic, i).block(T);
		}
		context.close();
		CloseStatus status = client.closed().block(T);
		assertThat(status).isEqualTo(CloseStatus.GOING_AWAY);
		assertThat(received).hasSize(50);
		assertThat(received.get(49).asInt()).isEqualTo(49);
	}

	private static WampClient connect() {
		return WampClient.builder(uri).httpClient(HttpClient.newBuilder().sslContext(ssl).build()).connect().block(T);
	}

}
