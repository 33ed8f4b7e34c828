package dev.websocket.server.sample.chat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import dev.websocket.server.client.WampClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A v2 client and a v1 client chat in one room across two instances of the sample sharing
 * Redis ({@code --spring.profiles.active=redis}, the Redis server on
 * {@code localhost:6379}): Autobahn|JS 26 under Node on the first instance (flow
 * {@code twoNodeRoom} of {@code flows.js}) and, on the second, the Java v1 client or the
 * sample's own chat page (AutobahnJS 0.8's API over v1) in headless Chromium; messages
 * both ways.
 */
class ChatRedisTwoNodeAutobahnTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	final ChatInstances instances = new ChatInstances();

	@BeforeAll
	static void autobahnIsInstalled() {
		NodeFlows.assertAutobahnInstalled();
	}

	@Test
	void autobahnOnOneInstanceAndAV1ClientOnTheOtherChatInOneRoom() throws Exception {
		String room = "chat/two-nodes-" + UUID.randomUUID();
		JsonNode reply = json.readTree("{\"type\":\"message\",\"nick\":\"v1\",\"text\":\"hello from v1\"}");
		BlockingQueue<JsonNode> fromAutobahn = new LinkedBlockingQueue<>();
		WampClient v1 = WampClient.builder(ChatInstances.ws(this.instances.second())).connect().block(TIMEOUT);
		try {
			v1.subscribe(room, (event) -> {
				if (event.path("nick").asString("").equals("autobahn")) {
					fromAutobahn.add(event);
					v1.publish(room, reply).subscribe();
				}
			}).block(TIMEOUT);
			List<String> output = run(NodeFlows.flow(ChatInstances.ws(this.instances.first()), "twoNodeRoom"), room);
			assertThat(output).as("output of flows.js twoNodeRoom").contains("PASS twoNodeRoom");
			assertThat(fromAutobahn).isNotEmpty();
			assertThat(fromAutobahn.peek()).isEqualTo(
					json.readTree("{\"type\":\"message\",\"nick\":\"autobahn\",\"text\":\"hello from autobahn\"}"));
		}
		finally {
			v1.abort();
		}
	}

	@Test
	void autobahnOnOneInstanceAndTheChatPageOnTheOtherChatInOneRoom() throws Exception {
		String name = "two-nodes-" + UUID.randomUUID();
		WebDriver driver = HeadlessChromium.start();
		try {
			String page = ChatInstances.page(this.instances.second());
			ChatPage chat = new ChatPage(driver).open(page, "v1", name);
			// the flow publishes until the page's answer arrives, and checks it
			List<String> output = run(NodeFlows.flow(ChatInstances.ws(this.instances.first()), "twoNodeRoom"),
					"chat/" + name, () -> {
						chat.waitForText("messages", "hello from autobahn");
						chat.send("hello from v1");
					});
			assertThat(output).as("output of flows.js twoNodeRoom").contains("PASS twoNodeRoom");
		}
		finally {
			driver.quit();
		}
	}

	private static List<String> run(ProcessBuilder builder, String room) throws IOException, InterruptedException {
		return run(builder, room, () -> {
		});
	}

	/**
	 * Runs a flow of {@code flows.js}, doing {@code meanwhile} on this thread while it
	 * runs.
	 */
	private static List<String> run(ProcessBuilder builder, String room, Runnable meanwhile)
			throws IOException, InterruptedException {
		builder.environment().put("ROOM", room);
		return NodeFlows.run(builder, "two-nodes", meanwhile);
	}

}
