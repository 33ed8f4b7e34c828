package dev.websocket.server.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.websocket.server.testing.InMemoryTransport;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Handler decorators and what the server reports of its registrations and topics. */
class HandlerDecorationTests {

	private final List<String> seen = new ArrayList<>();

	private WampServer server;

	@AfterEach
	void shutdown() {
		this.server.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(5));
	}

	@Test
	void procedureDecoratorWrapsHandlersRegisteredBeforeAndAfterIt() {
		this.server = WampServer.builder()
			.rpc("first", (invocation) -> "one")
			.decorateProcedures((pattern, handler) -> (invocation) -> {
				this.seen.add(pattern);
				return "[" + handler.handle(invocation) + "]";
			})
			.rpc("second/{n}", (invocation) -> "two")
			.build();
		InMemoryTransport.Client client = new InMemoryTransport(this.server).connect();
		client.welcome();
		client.send("[2,\"c1\",\"first\"]");
		assertThat(client.nextText()).isEqualTo("[3,\"c1\",\"[one]\"]");
		client.send("[2,\"c2\",\"second/2\"]");
		assertThat(client.nextText()).isEqualTo("[3,\"c2\",\"[two]\"]");
		assertThat(this.seen).containsExactly("first", "second/{n}");
	}

	@Test
	void procedureDecoratorWrapsHandlersRegisteredOnTheRunningServer() {
		this.server = WampServer.builder()
			.decorateProcedures((pattern, handler) -> (invocation) -> "[" + handler.handle(invocation) + "]")
			.build();
		this.server.rpc(dev.websocket.server.wamp.routing.UriPattern.parse("late"), (invocation) -> "three");
		InMemoryTransport.Client client = new InMemoryTransport(this.server).connect();
		client.welcome();
		client.send("[2,\"c1\",\"late\"]");
		assertThat(client.nextText()).isEqualTo("[3,\"c1\",\"[three]\"]");
	}

	@Test
	void topicDecoratorWrapsPublications() {
		this.server = WampServer.builder().topic("chat/{room}", new TopicHandler() {
		}).decorateTopics((pattern, handler) -> new TopicHandler() {
			@Override
			public Publication onPublish(dev.websocket.server.wamp.WampConnection publisher,
					dev.websocket.server.wamp.topic.Topic topic, Publication publication,
					java.util.Map<String, String> variables) {
				return publication.withEvent(pattern);
			}
		}).build();
		InMemoryTransport.Client client = new InMemoryTransport(this.server).connect();
		client.welcome();
		client.send("[5,\"chat/lobby\"]");
		client.send("[7,\"chat/lobby\",\"hi\"]");
		assertThat(client.nextText()).isEqualTo("[8,\"chat/lobby\",\"chat/{room}\"]");
	}

	@Test
	void reportsRegisteredPatternsAndLiveTopics() {
		this.server = WampServer.builder()
			.rpc("b/sum", (invocation) -> null)
			.rpc("a/{op}", (invocation) -> null)
			.topic("chat/{room}", new TopicHandler() {
			})
			.build();
		assertThat(this.server.procedurePatterns()).containsExactly("a/{op}", "b/sum");
		assertThat(this.server.topicPatterns()).containsExactly("chat/{room}");
		InMemoryTransport.Client client = new InMemoryTransport(this.server).connect();
		client.welcome();
		client.send("[5,\"chat/lobby\"]");
		assertThat(this.server.liveTopics()).extracting((topic) -> topic.uri()).containsExactly("chat/lobby");
	}

}
