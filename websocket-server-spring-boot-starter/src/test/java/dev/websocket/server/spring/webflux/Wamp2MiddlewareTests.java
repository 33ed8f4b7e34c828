package dev.websocket.server.spring.webflux;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.websocket.server.middleware.Middleware;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.message.WampMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A middleware layer's {@code onMessage} sees the CALL, PUBLISH, SUBSCRIBE and
 * UNSUBSCRIBE of a WAMP v2 session in their v1 view, as it sees a v1 client's, and may
 * stop one: the v2 client is answered with ERROR {@code wamp.error.not_authorized}.
 */
// a context of its own: a paused cached context does not restart its WAMP server
@SpringBootTest(classes = { TestApplication.class, Wamp2MiddlewareTests.Layer.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "websocket.server.protocols.realms=realm1")
class Wamp2MiddlewareTests {

	static final String BLOCKED = BASE + "blocked";

	static final List<String> seen = new CopyOnWriteArrayList<>();

	@RegisterExtension
	final TestSockets sockets = new TestSockets();

	@BeforeEach
	void clear() {
		seen.clear();
	}

	@Test
	void aLayerSeesAV2CallInItsV1View() {
		RawWamp2Client client = this.sockets.join();
		client.send(48, 7, Map.of(), BASE + "calc#sum", List.of(1, 2));
		assertThat(client.next().toString()).isEqualTo("[50,7,{},[3]]");
		assertThat(seen).containsExactly("CALL 7 " + BASE + "calc#sum [1, 2]");
	}

	@Test
	void aLayerSeesSubscribePublishAndUnsubscribe() {
		RawWamp2Client client = this.sockets.join();
		client.send(32, 1, Map.of(), BASE + "chat/mw");
		long subscription = client.next(33).get(2).asLong();
		client.send(16, 2, Map.of("acknowledge", true), BASE + "chat/mw", List.of("hi"));
		client.next(17);
		client.send(16, 3, Map.of("acknowledge", true), BASE + "chat/mw", List.of(1, 2), Map.of("k", "v"));
		client.next(17);
		client.send(34, 4, subscription);
		client.next(35);
		assertThat(seen).containsExactly("SUBSCRIBE " + BASE + "chat/mw", "PUBLISH " + BASE + "chat/mw \"hi\"",
				"PUBLISH " + BASE + "chat/mw {\"args\":[1,2],\"kwargs\":{\"k\":\"v\"}}",
				"UNSUBSCRIBE " + BASE + "chat/mw");
	}

	@Test
	void aCallTheLayerStopsIsAnsweredWithNotAuthorized() {
		RawWamp2Client client = this.sockets.join();
		client.send(48, 8, Map.of(), BLOCKED, List.of());
		JsonNode error = client.next();
		assertThat(error.get(0).asInt()).isEqualTo(8);
		assertThat(error.get(1).asInt()).isEqualTo(48);
		assertThat(error.get(2).asLong()).isEqualTo(8);
		assertThat(error.get(4).asString()).isEqualTo("wamp.error.not_authorized");
		client.send(48, 9, Map.of(), BASE + "calc#sum", List.of(2, 2));
		assertThat(client.next().toString()).isEqualTo("[50,9,{},[4]]");
	}

	@Test
	void aSubscribeTheLayerStopsIsAnsweredWithNotAuthorized() {
		RawWamp2Client client = this.sockets.join();
		client.send(32, 5, Map.of(), BLOCKED);
		JsonNode error = client.next();
		assertThat(error.get(1).asInt()).isEqualTo(32);
		assertThat(error.get(4).asString()).isEqualTo("wamp.error.not_authorized");
	}

	@Test
	void anUnacknowledgedPublishTheLayerStopsIsDropped() {
		RawWamp2Client client = this.sockets.join();
		client.send(16, 6, Map.of(), BLOCKED, List.of("x"));
		client.send(48, 10, Map.of(), BASE + "calc#sum", List.of(1, 1));
		assertThat(client.next().toString()).isEqualTo("[50,10,{},[2]]");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Layer {

		@Bean
		Middleware recordingLayer() {
			return new Middleware() {
				@Override
				public void onMessage(WampConnection connection, WampMessage message, Chain chain) {
					String uri = null;
					if (message instanceof WampMessage.Call call) {
						uri = call.procUri();
						seen.add("CALL " + call.callId() + " " + uri + " " + call.arguments());
					}
					else if (message instanceof WampMessage.Subscribe subscribe) {
						uri = subscribe.topicUri();
						seen.add("SUBSCRIBE " + uri);
					}
					else if (message instanceof WampMessage.Unsubscribe unsubscribe) {
						uri = unsubscribe.topicUri();
						seen.add("UNSUBSCRIBE " + uri);
					}
					else if (message instanceof WampMessage.Publish publish) {
						uri = publish.topicUri();
						seen.add("PUBLISH " + uri + " " + publish.event());
					}
					if (!BLOCKED.equals(uri)) {
						chain.onMessage(connection, message);
					}
				}
			};
		}

	}

}
