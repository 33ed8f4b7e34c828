package dev.websocket.server.engine;

import java.time.Duration;
import java.util.List;

import dev.websocket.server.testing.InMemoryTransport;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WampServerSmokeTests {

	private final WampServer server = WampServer.builder()
		.rpc("sample/sum", (invocation) -> invocation.spreadArguments().stream().mapToInt((n) -> n.asInt()).sum())
		.topic("chat/{room}", new TopicHandler() {
		})
		.build();

	private final InMemoryTransport transport = new InMemoryTransport(server);

	@AfterEach
	void shutdown() {
		server.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(5));
	}

	@Test
	void welcomeCallSubscribePublishAndClose() {
		InMemoryTransport.Client alice = transport.connect();
		InMemoryTransport.Client bob = transport.connect();
		assertThat(alice.welcome().sessionId()).isEqualTo(alice.sessionId());
		bob.welcome();

		alice.send("[2,\"c1\",\"sample/sum\",1,2,3]");
		assertThat(alice.nextText()).isEqualTo("[3,\"c1\",6]");

		bob.send("[5,\"chat/lobby\"]");
		alice.send("[7,\"chat/lobby\",\"hello\"]");
		assertThat(bob.nextText()).isEqualTo("[8,\"chat/lobby\",\"hello\"]");
		assertThat(server.topicCount()).isEqualTo(1);

		bob.close();
		assertThat(server.topicCount()).isZero();
		assertThat(server.connections().count()).isEqualTo(1);
		assertThat(List.of(alice.hasPending())).containsExactly(false);
	}

}
