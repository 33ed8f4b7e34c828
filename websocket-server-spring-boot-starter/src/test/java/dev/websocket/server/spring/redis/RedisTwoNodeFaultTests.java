package dev.websocket.server.spring.redis;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.websocket.server.client.WampClient;
import dev.websocket.server.spring.redis.RedisChatTestApplication.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two server instances on a {@code redis-server} of the test's own, which is stopped and
 * started again while clients stay connected.
 */
class RedisTwoNodeFaultTests {

	private static final Duration DEADLINE = Duration.ofSeconds(30);

	private static final String ROOM = "chat/lobby";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private RedisServerProcess redis;

	private Node one;

	private Node two;

	@BeforeEach
	void start() {
		this.redis = RedisServerProcess.startOnFreePort();
		String prefix = RedisChatTestApplication.uniquePrefix();
		this.one = RedisChatTestApplication.start(this.redis.port(), prefix);
		this.two = RedisChatTestApplication.start(this.redis.port(), prefix);
	}

	@AfterEach
	void stop() {
		this.one.close();
		this.two.close();
		this.redis.close();
	}

	@Test
	void nodesKeepServingLocallyWhileRedisIsDownAndShareTopicsAgainWhenItReturns() {
		WampClient publisher = this.one.connect();
		List<JsonNode> local = subscribe(this.one.connect(), this.one);
		List<JsonNode> remote = subscribe(this.two.connect(), this.two);
		await().atMost(DEADLINE)
			.until(() -> this.one.broker().subscriptionCount() == 1 && this.two.broker().subscriptionCount() == 1);
		await().atMost(DEADLINE).until(() -> health(this.one) == 200 && health(this.two) == 200);
		publisher.publish(ROOM, "before").block(DEADLINE);
		await().atMost(DEADLINE).until(() -> local.size() == 1 && remote.size() == 1);

		this.redis.stop();
		await().atMost(DEADLINE).until(() -> health(this.one) == 503 && health(this.two) == 503);
		publisher.publish(ROOM, "during").block(DEADLINE);
		await().atMost(DEADLINE).until(() -> local.size() == 2);
		assertThat(publisher.isClosed()).isFalse();

		this.redis.start();
		await().atMost(DEADLINE).until(() -> health(this.one) == 200 && health(this.two) == 200);
		publisher.publish(ROOM, "after").block(DEADLINE);
		await().atMost(DEADLINE).until(() -> remote.size() == 2);
		this.two.template().publish(ROOM, "from two").block(DEADLINE);
		await().atMost(DEADLINE).until(() -> remote.size() == 3 && local.size() == 4);
		assertThat(remote).extracting(JsonNode::asString).containsExactly("before", "after", "from two");
		assertThat(local).extracting(JsonNode::asString).containsExactly("before", "during", "after", "from two");
		assertThat(this.one.broker().publishFailureCount()).isEqualTo(1);
	}

	private List<JsonNode> subscribe(WampClient client, Node node) {
		List<JsonNode> received = new CopyOnWriteArrayList<>();
		int before = node.subscribers(ROOM);
		client.subscribe(ROOM, received::add).block(DEADLINE);
		await().atMost(DEADLINE).until(() -> node.subscribers(ROOM) == before + 1);
		return received;
	}

	/**
	 * The HTTP status of the node's WAMP health component: 200 when UP, 503 when DOWN.
	 */
	private int health(Node node) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + node.port + "/actuator/health/wamp"))
			.timeout(Duration.ofSeconds(5))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
