package dev.websocket.server.spring.webflux;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.websocket.server.spring.autoconfigure.WampServerCustomizer;
import dev.websocket.server.spring.push.WampTemplate;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.topic.PeriodicTask;
import dev.websocket.server.wamp.topic.Topic;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a topic sends of its own accord (its periodic work, a broadcast from a hook) and
 * what {@link WampTemplate} publishes reach the WAMP v2 pattern subscriptions
 * ({@code prefix}, {@code wildcard}) that match the topic, with the topic in the EVENT
 * details, exactly as a v2 PUBLISH to it does; exclude and eligible apply to them too.
 */
// a context of its own: a paused cached context does not restart its WAMP server
@SpringBootTest(classes = { TestApplication.class, Wamp2PatternBroadcastTests.Topics.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "websocket.server.protocols.realms=realm1")
class Wamp2PatternBroadcastTests {

	static final String TICKER = "com.example.ticker.";

	static final String LOBBY = "com.example.lobby.";

	static final String NEWS = "com.example.news.";

	@RegisterExtension
	final TestSockets sockets = new TestSockets();

	@Autowired
	WampTemplate template;

	@Test
	void periodicWorkReachesAMatchingPrefixSubscription() {
		RawWamp2Client watcher = this.sockets.join();
		long prefix = watcher.subscribe(1, Map.of("match", "prefix"), TICKER);
		RawWamp2Client exact = this.sockets.join();
		// the periodic work runs while the topic has an exact subscriber on this node
		long exactId = exact.subscribe(1, Map.of(), TICKER + "eur");
		JsonNode tick = watcher.next(36);
		assertThat(tick.get(1).asLong()).isEqualTo(prefix);
		assertThat(tick.get(3).get("topic").asString()).isEqualTo(TICKER + "eur");
		assertThat(tick.get(4).get(0).get("tick").isIntegralNumber()).isTrue();
		assertThat(exact.next(36).get(1).asLong()).isEqualTo(exactId);
	}

	@Test
	void aHookBroadcastReachesAMatchingWildcardSubscription() {
		RawWamp2Client watcher = this.sockets.join();
		long wildcard = watcher.subscribe(1, Map.of("match", "wildcard"), "com.example.lobby.");
		RawWamp2Client newcomer = this.sockets.join();
		newcomer.subscribe(2, Map.of(), LOBBY + "main");
		JsonNode joined = watcher.next(36);
		assertThat(joined.get(1).asLong()).isEqualTo(wildcard);
		assertThat(joined.get(3).get("topic").asString()).isEqualTo(LOBBY + "main");
		assertThat(joined.get(4).get(0).asString()).isEqualTo("joined " + newcomer.welcomeSessionId);
	}

	@Test
	void aHookBroadcastHonoursItsExcludeListForPatternSubscribers() throws InterruptedException {
		RawWamp2Client watcher = this.sockets.join();
		watcher.subscribe(1, Map.of("match", "prefix"), LOBBY + "quiet");
		Topics.excluded.add(Long.toString(watcher.welcomeSessionId));
		RawWamp2Client other = this.sockets.join();
		long otherPrefix = other.subscribe(1, Map.of("match", "prefix"), LOBBY + "quiet");
		RawWamp2Client newcomer = this.sockets.join();
		newcomer.subscribe(2, Map.of(), LOBBY + "quiet");
		assertThat(other.next(36).get(1).asLong()).isEqualTo(otherPrefix);
		assertThat(watcher.hasMessageWithin(Duration.ofMillis(300))).as("excluded pattern subscriber").isFalse();
	}

	@Test
	void aTemplatePublicationReachesAMatchingPrefixSubscription() {
		RawWamp2Client watcher = this.sockets.join();
		long prefix = watcher.subscribe(1, Map.of("match", "prefix"), NEWS);
		this.template.publish(NEWS + "today", Map.of("headline", "CBOR on")).block(Duration.ofSeconds(10));
		JsonNode event = watcher.next(36);
		assertThat(event.get(1).asLong()).isEqualTo(prefix);
		assertThat(event.get(3).get("topic").asString()).isEqualTo(NEWS + "today");
		assertThat(event.get(4).toString()).isEqualTo("[{\"headline\":\"CBOR on\"}]");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Topics {

		/** Sessions the lobby's join announcement skips. */
		static final Set<String> excluded = java.util.concurrent.ConcurrentHashMap.newKeySet();

		@Bean
		WampServerCustomizer patternBroadcastTopics() {
			AtomicInteger ticks = new AtomicInteger();
			return (builder) -> builder.topic(TICKER + "{name}", new TopicHandler() {
				@Override
				public PeriodicTask periodicTask() {
					return new PeriodicTask(Duration.ofMillis(50),
							(topic, variables) -> Map.of("tick", ticks.incrementAndGet()));
				}
			}).topic(LOBBY + "{name}", new TopicHandler() {
				@Override
				public boolean onSubscribe(WampConnection connection, Topic topic, Map<String, String> variables) {
					topic.broadcast("joined " + connection.v2SessionId(), Set.copyOf(excluded), null);
					return true;
				}
			}).topic(NEWS + "{name}", new TopicHandler() {
			});
		}

	}

}
