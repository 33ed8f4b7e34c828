package dev.websocket.server.sample.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import dev.websocket.server.client.WampClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the sample started with {@code --spring.profiles.active=redis} share
 * their rooms through the Redis server on {@code localhost:6379} (CI starts one).
 */
class ChatRedisProfileTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper json = JsonMapper.builder().build();

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

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
	void aMessagePublishedOnOneInstanceReachesASubscriberOnTheOther() {
		String topic = "chat/redis-" + UUID.randomUUID();
		BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
		WampClient subscriber = WampClient.builder(ws(second)).connect().block(TIMEOUT);
		WampClient publisher = WampClient.builder(ws(first)).connect().block(TIMEOUT);
		try {
			subscriber.subscribe(topic, (event) -> {
				if (!event.path("type").asString("").equals("presence")) {
					received.add(event);
				}
			}).block(TIMEOUT);
			JsonNode message = json.readTree("{\"type\":\"message\",\"nick\":\"ann\",\"text\":\"across instances\"}");

			// The other instance's Redis subscription may take a moment: publish until it
			// arrives.
			await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
				publisher.publish(topic, message).block(TIMEOUT);
				return !received.isEmpty();
			});
			assertThat(received.peek()).isEqualTo(message);
		}
		finally {
			subscriber.abort();
			publisher.abort();
		}
	}

	@Test
	void healthIncludesRedisAndIsUp() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port(first) + "/actuator/health/redis"))
				.timeout(TIMEOUT)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json.readTree(response.body()).get("status").asString()).isEqualTo("UP");
	}

	private static int port(ConfigurableApplicationContext app) {
		return ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	private static URI ws(ConfigurableApplicationContext app) {
		return URI.create("ws://localhost:" + port(app) + "/ws");
	}

}
