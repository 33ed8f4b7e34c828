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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the sample started with {@code --spring.profiles.active=redis} share
 * their rooms through the Redis server on {@code localhost:6379} (CI starts one).
 */
class ChatRedisProfileTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	final ChatInstances instances = new ChatInstances();

	@Test
	void aMessagePublishedOnOneInstanceReachesASubscriberOnTheOther() {
		String topic = "chat/redis-" + UUID.randomUUID();
		BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
		WampClient subscriber = WampClient.builder(ChatInstances.ws(this.instances.second())).connect().block(TIMEOUT);
		WampClient publisher = WampClient.builder(ChatInstances.ws(this.instances.first())).connect().block(TIMEOUT);
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
			.send(HttpRequest
				.newBuilder(URI.create(
						"http://localhost:" + ChatInstances.port(this.instances.first()) + "/actuator/health/redis"))
				.timeout(TIMEOUT)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json.readTree(response.body()).get("status").asString()).isEqualTo("UP");
	}

}
