package dev.websocket.server.engine;

import java.time.Duration;

import dev.websocket.server.testing.InMemoryTransport;
import dev.websocket.server.testing.InMemoryTransport.Client;
import dev.websocket.server.wamp.WampErrors;
import dev.websocket.server.wamp.routing.UriPattern;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Handlers registered on a running server (the router is live) and what a handler is
 * handed: the error URIs on the invocation.
 */
class LiveRegistrationTests {

	private final WampServer server = WampServer.builder()
		.settings(WampServerSettings.builder()
			.errors(new WampErrors("urn:test:error#"))
			.pingInterval(Duration.ZERO)
			.build())
		.rpc("sample/first", (invocation) -> "first")
		.build();

	private final InMemoryTransport transport = new InMemoryTransport(server);

	@AfterEach
	void shutdown() {
		server.shutdown(Duration.ZERO).block(Duration.ofSeconds(5));
	}

	@Test
	void procedureRegisteredOnTheRunningServerAnswersTheNextCall() {
		Client client = transport.connect();
		client.welcome();
		client.send("[2,\"c1\",\"sample/late\"]");
		assertThat(client.nextText()).startsWith("[4,\"c1\",\"urn:test:error#NoSuchRPCEndpoint\"");
		server.rpc(UriPattern.parse("sample/{name}"), (invocation) -> invocation.variables().get("name"));
		client.send("[2,\"c2\",\"sample/late\"]");
		assertThat(client.nextText()).isEqualTo("[3,\"c2\",\"late\"]");
	}

	@Test
	void topicRegisteredOnTheRunningServerTakesTheNextSubscriber() {
		Client client = transport.connect();
		client.welcome();
		client.send("[5,\"late/a\"]");
		client.send("[7,\"late/a\",\"before\"]");
		server.topic(UriPattern.parse("late/{room}"), new TopicHandler() {
		});
		client.send("[5,\"late/a\"]");
		client.send("[7,\"late/a\",\"hi\"]");
		assertThat(client.nextText()).isEqualTo("[8,\"late/a\",\"hi\"]");
	}

	@Test
	void aDuplicatePatternOnTheRunningServerIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> server.rpc(UriPattern.parse("sample/first"), (invocation) -> null))
			.withMessageContaining("Duplicate URI pattern 'sample/first'");
	}

	@Test
	void anInvocationCarriesTheServersErrorUris() {
		server.rpc(UriPattern.parse("sample/errors"), (invocation) -> invocation.errors().invalidArgument());
		Client client = transport.connect();
		client.welcome();
		client.send("[2,\"c1\",\"sample/errors\"]");
		assertThat(client.nextText()).isEqualTo("[3,\"c1\",\"urn:test:error#InvalidArgument\"]");
	}

}
