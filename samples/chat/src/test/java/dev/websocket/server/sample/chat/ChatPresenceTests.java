package dev.websocket.server.sample.chat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.websocket.server.client.WampClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The room's presence as members see it: from the member list it received once and the
 * changes after it, every member knows who is in the room, also when many join at once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatPresenceTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final int MEMBERS = 60;

	@RegisterExtension
	final ChatSockets sockets = new ChatSockets();

	@Test
	void membersJoiningAtOnceEachKnowEveryoneAndGetTheListOnlyOnce() {
		String topic = "chat/presence-burst";
		List<WampClient> members = Flux.range(0, MEMBERS)
			.flatMap((i) -> WampClient.connect(this.sockets.ws("?nick=m" + i)), MEMBERS)
			.collectList()
			.block(TIMEOUT);
		members.forEach(this.sockets::track);
		Map<String, Set<String>> known = new ConcurrentHashMap<>();
		Map<String, List<JsonNode>> lists = new ConcurrentHashMap<>();
		Flux.fromIterable(members).flatMap((member) -> {
			Set<String> view = ConcurrentHashMap.newKeySet();
			List<JsonNode> received = new CopyOnWriteArrayList<>();
			known.put(member.sessionId(), view);
			lists.put(member.sessionId(), received);
			return member.subscribe(topic, (event) -> {
				if (event.has("members")) {
					received.add(event);
					event.get("members").forEach((entry) -> view.add(entry.get("session").asString()));
				}
				else if (event.path("action").asString("").equals("joined")) {
					view.add(event.get("session").asString());
				}
			});
		}, MEMBERS).blockLast(TIMEOUT);

		Set<String> everyone = new HashSet<>(known.keySet());
		await().atMost(TIMEOUT)
			.untilAsserted(() -> known.values().forEach((view) -> assertThat(view).isEqualTo(everyone)));
		lists.forEach((session, received) -> {
			assertThat(received).as("member lists sent to %s", session).hasSize(1);
			assertThat(received.get(0).get("session").asString()).isEqualTo(session);
		});
	}

	@Test
	void leavingTellsTheOthersWhoLeftAndTheNewCount() {
		String topic = "chat/presence-leave";
		WampClient ann = client("ann");
		WampClient bob = client("bob");
		List<JsonNode> seen = new CopyOnWriteArrayList<>();
		ann.subscribe(topic, seen::add).block(TIMEOUT);
		await().atMost(TIMEOUT).until(() -> seen.size() == 1);
		bob.subscribe(topic, (event) -> {
		}).block(TIMEOUT);
		await().atMost(TIMEOUT).until(() -> seen.size() == 2);
		bob.unsubscribe(topic).block(TIMEOUT);

		await().atMost(TIMEOUT).until(() -> seen.size() == 3);
		JsonNode left = seen.get(2);
		assertThat(left.get("action").asString()).isEqualTo("left");
		assertThat(left.get("session").asString()).isEqualTo(bob.sessionId());
		assertThat(left.get("nick").asString()).isEqualTo("bob");
		assertThat(left.get("count").asInt()).isEqualTo(1);
		assertThat(left.has("members")).isFalse();
	}

	private WampClient client(String nick) {
		return this.sockets.client("?nick=" + nick);
	}

}
