package dev.websocket.server.sample.chat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.websocket.server.client.WampClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

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

	private static final Path NODE_DIR = Path.of("src", "test", "node");

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper json = JsonMapper.builder().build();

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	@BeforeAll
	static void autobahnIsInstalled() {
		assertThat(NODE_DIR.resolve("node_modules/autobahn/package.json"))
			.as("Autobahn|JS is installed: run 'npm ci' in " + NODE_DIR.toAbsolutePath() + " (.ci/run does)")
			.exists();
	}

	@BeforeEach
	void startTwoInstances() {
		this.first = SpringApplication.run(ChatApplication.class, "--server.port=0", "--spring.profiles.active=redis");
		this.second = SpringApplication.run(ChatApplication.class, "--server.port=0", "--spring.profiles.active=redis");
	}

	@AfterEach
	void stopInstances() {
		if (this.first != null) {
			this.first.close();
		}
		if (this.second != null) {
			this.second.close();
		}
	}

	@Test
	void autobahnOnOneInstanceAndAV1ClientOnTheOtherChatInOneRoom() throws Exception {
		String room = "chat/two-nodes-" + UUID.randomUUID();
		JsonNode reply = json.readTree("{\"type\":\"message\",\"nick\":\"v1\",\"text\":\"hello from v1\"}");
		BlockingQueue<JsonNode> fromAutobahn = new LinkedBlockingQueue<>();
		WampClient v1 = WampClient.builder(ws(this.second)).connect().block(TIMEOUT);
		try {
			v1.subscribe(room, (event) -> {
				if (event.path("nick").asString("").equals("autobahn")) {
					fromAutobahn.add(event);
					v1.publish(room, reply).subscribe();
				}
			}).block(TIMEOUT);
			List<String> output = run(new ProcessBuilder("node", "flows.js", ws(this.first).toString(), "twoNodeRoom")
				.directory(NODE_DIR.toFile()), room);
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
			String page = "http://localhost:" + ((WebServerApplicationContext) this.second).getWebServer().getPort()
					+ "/";
			ChatPage chat = new ChatPage(driver).open(page, "v1", name);
			// the flow publishes until the page's answer arrives, and checks it
			List<String> output = run(new ProcessBuilder("node", "flows.js", ws(this.first).toString(), "twoNodeRoom")
				.directory(NODE_DIR.toFile()), "chat/" + name, () -> {
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
		Path log = Files.createTempFile("autobahn-two-nodes", ".log");
		try {
			Process node = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
			try {
				meanwhile.run();
			}
			catch (RuntimeException ex) {
				node.destroyForcibly();
				throw new AssertionError(
						"while flows.js ran; its output: " + Files.readAllLines(log, StandardCharsets.UTF_8), ex);
			}
			boolean exited = node.waitFor(60, TimeUnit.SECONDS);
			if (!exited) {
				node.destroyForcibly();
			}
			List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
			assertThat(exited).as("node exited within 60 s; output: " + output).isTrue();
			assertThat(node.exitValue()).as("node's exit status; output: " + output).isZero();
			return output;
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

	private static URI ws(ConfigurableApplicationContext app) {
		return URI.create("ws://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort() + "/ws");
	}

}
