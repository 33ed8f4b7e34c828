package dev.websocket.server.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.websocket.server.testing.InMemoryTransport;
import dev.websocket.server.testing.InMemoryTransport.Client;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.WampException;
import dev.websocket.server.wamp.topic.Topic;
import dev.websocket.server.wamp.topic.TopicHandler;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Random and mutated client input through real sessions: nothing escapes to the
 * transport, nothing hangs, and the subscription bookkeeping stays consistent while
 * connections live and after they close.
 */
class WampServerPropertyTests {

	private static final List<String> TEMPLATES = List.of("[1,\"p\",\"chat/\"]",
			"[1,\"q\",\"http://example.com/calc#\"]", "[1,\"r\",\"urn:r:\"]", "[5,\"chat/a\"]", "[5,\"p:b\"]",
			"[5,\"chat/c\"]", "[5,\"guard/x\"]", "[5,\"unknown/x\"]", "[6,\"chat/a\"]", "[6,\"p:b\"]",
			"[6,\"chat/zzz\"]", "[7,\"chat/a\",{\"x\":1}]", "[7,\"p:b\",\"e\",true]", "[7,\"chat/a\",\"e\",false]",
			"[7,\"chat/c\",\"e\",[]]", "[7,\"chat/a\",\"e\",[\"nobody\"],[\"nobody\"]]", "[7,\"unknown/x\",1]",
			"[2,\"id1\",\"sample/echo\",1,[2]]", "[2,\"id2\",\"q:add\",[1,2]]", "[2,\"id3\",\"sample/fail\"]",
			"[2,\"id4\",\"sample/crash\"]", "[2,\"id5\",\"sample/async\"]", "[2,\"id6\",\"nowhere\"]");

	@Property(tries = 150)
	void randomInputNeverEscapesNeverHangsAndKeepsStateConsistent(@ForAll("scripts") List<Step> script) {
		assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(script));
	}

	private void run(List<Step> script) {
		TestSettings settings = TestSettings.defaults();
		settings.maxMessageSize = 120;
		settings.maxPrefixes = 2;
		settings.maxSubscriptions = 3;
		settings.maxInFlightCalls = 2;
		settings.outboundMaxMessages = 64;
		WampServer server = WampServer.builder()
			.settings(settings.build())
			.rpc("sample/echo", (invocation) -> invocation.spreadArguments())
			.rpc("sample/fail", (invocation) -> {
				throw new WampException("urn:fail", "fail");
			})
			.rpc("sample/crash", (invocation) -> {
				throw new IllegalStateException("crash");
			})
			.rpc("sample/async", (invocation) -> Mono.just(1))
			.rpc("http://example.com/calc#{op}", (invocation) -> invocation.variables())
			.topic("chat/{room}", new TopicHandler() {
			})
			.topic("guard/{x}", new TopicHandler() {
				@Override
				public boolean onSubscribe(WampConnection connection, Topic topic, Map<String, String> variables) {
					return false;
				}
			})
			.build();
		try {
			InMemoryTransport transport = new InMemoryTransport(server);
			List<Client> clients = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				clients.add(transport.connect());
			}
			for (Step step : script) {
				Client client = clients.get(step.client());
				switch (step.kind()) {
					case TEXT -> client.send(step.text());
					case BINARY -> client.sendBinary();
					case DROP -> client.drop();
					case REOPEN -> {
						client.close();
						clients.set(step.client(), transport.connect());
					}
				}
				client.pending();
				assertConsistent(server);
			}
			clients.forEach(Client::close);
			assertConsistent(server);
			assertThat(server.connections().count()).isZero();
			assertThat(server.subscriptions().all()).isEmpty();
			assertThat(server.topicCount()).isZero();
		}
		finally {
			server.shutdown(Duration.ZERO).block(Duration.ofSeconds(5));
		}
	}

	private static void assertConsistent(WampServer server) {
		for (LocalTopic topic : server.subscriptions().all()) {
			assertThat(topic.subscribers()).as("no empty topic is kept: %s", topic.uri()).isNotEmpty();
			for (WampConnection member : topic.subscribers()) {
				assertThat(((DecoratedConnection) member).subscriptions()).contains(topic.uri());
				assertThat(server.connections().find(member.sessionId())).as("a closed connection left a topic")
					.isPresent();
			}
		}
		for (WampConnection connection : server.connections().all()) {
			DecoratedConnection decorated = (DecoratedConnection) connection;
			assertThat(decorated.subscriptions()).hasSizeLessThanOrEqualTo(3);
			assertThat(decorated.attributes().get("wamp.subscriptions", Set.of())).isEqualTo(decorated.subscriptions());
			for (String uri : decorated.subscriptions()) {
				LocalTopic topic = server.subscriptions().get(uri);
				assertThat(topic).as("subscription %s has a topic", uri).isNotNull();
				assertThat(topic.subscribers()).contains(decorated);
			}
			assertThat(decorated.inFlightCalls()).isBetween(0, 2);
		}
	}

	enum Kind {

		TEXT, BINARY, DROP, REOPEN

	}

	record Step(int client, Kind kind, String text) {
	}

	@Provide
	Arbitrary<List<Step>> scripts() {
		Arbitrary<Integer> client = Arbitraries.integers().between(0, 2);
		Arbitrary<Step> text = Combinators.combine(client, texts()).as((c, t) -> new Step(c, Kind.TEXT, t));
		Arbitrary<Step> other = Combinators.combine(client, Arbitraries.of(Kind.BINARY, Kind.DROP, Kind.REOPEN))
			.as((c, k) -> new Step(c, k, ""));
		return Arbitraries.frequencyOf(Tuple.of(12, text), Tuple.of(1, other)).list().ofMaxSize(60);
	}

	private Arbitrary<String> texts() {
		Arbitrary<String> valid = Arbitraries.of(TEMPLATES);
		Arbitrary<String> mutated = Combinators
			.combine(valid, Arbitraries.integers().between(0, 200),
					Arbitraries.of('[', ']', '{', '}', '"', ',', ':', '1', '9', 'a', '\\', ' ', '-', 'e', '\u00e9'),
					Arbitraries.of(0, 1, 2))
			.as((template, position, character, edit) -> mutate(template, position, character, edit));
		Arbitrary<String> random = Arbitraries.strings().ofMaxLength(150);
		return Arbitraries.frequencyOf(Tuple.of(6, valid), Tuple.of(4, mutated), Tuple.of(1, random));
	}

	private static String mutate(String template, int position, char character, int edit) {
		int at = position % (template.length() + 1);
		return switch (edit) {
			case 0 -> template.substring(0, at) + character + template.substring(at);
			case 1 -> (at < template.length()) ? template.substring(0, at) + template.substring(at + 1) : template;
			default -> template.substring(0, at);
		};
	}

}
