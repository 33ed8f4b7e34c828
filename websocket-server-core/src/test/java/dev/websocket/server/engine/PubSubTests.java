package dev.websocket.server.engine;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.websocket.server.broker.Broker;
import dev.websocket.server.broker.InMemoryBroker;
import dev.websocket.server.connection.Frame;
import dev.websocket.server.testing.InMemoryTransport;
import dev.websocket.server.testing.InMemoryTransport.Client;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.message.WampMessage;
import dev.websocket.server.wamp.topic.PeriodicTask;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.Topic;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.StringNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Publish/subscribe over the in-memory transport: delivery sets, bookkeeping, hooks and
 * periodic tasks.
 */
class PubSubTests {

	private final RecordingListener listener = new RecordingListener();

	private final List<String> hooks = new CopyOnWriteArrayList<>();

	private final List<String> brokerCalls = new CopyOnWriteArrayList<>();

	private final AtomicInteger ticks = new AtomicInteger();

	private final TestSettings settings = TestSettings.defaults();

	private WampServer server;

	private InMemoryTransport transport;

	PubSubTests() {
		start();
	}

	private void start() {
		if (server != null) {
			server.shutdown(Duration.ZERO).block(Duration.ofSeconds(5));
		}
		InMemoryBroker inMemory = new InMemoryBroker();
		Broker recordingBroker = new Broker() {
			@Override
			public void start(LocalDelivery localDelivery) {
				inMemory.start(localDelivery);
			}

			@Override
			public Mono<Void> publish(Publication publication) {
				return inMemory.publish(publication);
			}

			@Override
			public void topicAdded(String topicUri) {
				brokerCalls.add("added " + topicUri);
			}

			@Override
			public void topicRemoved(String topicUri) {
				brokerCalls.add("removed " + topicUri);
			}
		};
		server = WampServer.builder()
			.settings(settings.build())
			.listener(listener)
			.broker(recordingBroker)
			.authorizer((connection, action, uri) -> !uri.startsWith("secret/"))
			.topic("chat/{room}", new RecordingHandler())
			.topic("secret/{name}", new RecordingHandler())
			.topic("guarded/{name}", new TopicHandler() {
				@Override
				public boolean onSubscribe(WampConnection connection, Topic topic, Map<String, String> variables) {
					return false;
				}
			})
			.topic("shout/{name}", new TopicHandler() {
				@Override
				public @Nullable Publication onPublish(WampConnection publisher, Topic topic, Publication publication,
						Map<String, String> variables) {
					String text = ((StringNode) publication.event()).asString();
					return text.equals("drop") ? null : publication.withEvent(text.toUpperCase());
				}
			})
			.topic("census/{name}", new TopicHandler() {
				@Override
				public @Nullable Publication onPublish(WampConnection publisher, Topic topic, Publication publication,
						Map<String, String> variables) {
					return publication.withEvent(topic.uri() + " has " + topic.size());
				}
			})
			.topic("clock/{zone}", new TopicHandler() {
				@Override
				public PeriodicTask periodicTask() {
					return new PeriodicTask(Duration.ofMillis(20), (topic, variables) -> variables.get("zone"));
				}
			})
			.topic("ticker/{name}", new TopicHandler() {
				@Override
				public PeriodicTask periodicTask() {
					return new PeriodicTask(Duration.ofMillis(20),
							(topic, variables) -> "tick " + ticks.incrementAndGet());
				}
			})
			.topic("crashing/{name}", new TopicHandler() {
				@Override
				public boolean onSubscribe(WampConnection connection, Topic topic, Map<String, String> variables) {
					throw new IllegalStateException("hook failure");
				}
			})
			.build();
		transport = new InMemoryTransport(server);
	}

	@AfterEach
	void shutdown() {
		server.shutdown(Duration.ZERO).block(Duration.ofSeconds(5));
	}

	private final class RecordingHandler implements TopicHandler {

		@Override
		public boolean onSubscribe(WampConnection connection, Topic topic, Map<String, String> variables) {
			hooks.add("subscribe " + topic.uri() + " " + variables);
			return true;
		}

		@Override
		public void onUnsubscribe(WampConnection connection, Topic topic, Map<String, String> variables) {
			hooks.add("unsubscribe " + topic.uri());
		}

	}

	private Client connect() {
		return connect(null);
	}

	private Client connect(@Nullable Principal principal) {
		Client client = transport.connect(InMemoryTransport.request(principal));
		client.welcome();
		return client;
	}

	/**
	 * A CALL-free barrier: a message echoed to the client itself proves earlier ones were
	 * handled.
	 */
	private static void sync(Client client) {
		client.send("[5,\"chat/sync-" + client.sessionId() + "\"]");
		client.send("[7,\"chat/sync-" + client.sessionId() + "\",\"sync\",false]");
		assertThat(client.nextText()).isEqualTo("[8,\"chat/sync-" + client.sessionId() + "\",\"sync\"]");
		client.send("[6,\"chat/sync-" + client.sessionId() + "\"]");
	}

	// ---- delivery set

	@Test
	void publishWithoutFourthElementIncludesThePublisher() {
		Client publisher = connect();
		Client other = connect();
		publisher.send("[5,\"chat/a\"]");
		other.send("[5,\"chat/a\"]");
		publisher.send("[7,\"chat/a\",\"hi\"]");
		assertThat(publisher.nextText()).isEqualTo("[8,\"chat/a\",\"hi\"]");
		assertThat(other.nextText()).isEqualTo("[8,\"chat/a\",\"hi\"]");
	}

	@Test
	void excludePublisherByDefaultSettingSkipsThePublisher() {
		settings.excludePublisherByDefault = true;
		start();
		Client publisher = connect();
		Client other = connect();
		publisher.send("[5,\"chat/a\"]");
		other.send("[5,\"chat/a\"]");
		publisher.send("[7,\"chat/a\",\"hi\"]");
		assertThat(other.nextText()).isEqualTo("[8,\"chat/a\",\"hi\"]");
		sync(publisher);
		assertThat(publisher.hasPending()).isFalse();
	}

	@Test
	void excludeMeTrueSkipsThePublisher() {
		Client publisher = connect();
		Client other = connect();
		publisher.send("[5,\"chat/a\"]");
		other.send("[5,\"chat/a\"]");
		publisher.send("[7,\"chat/a\",\"hi\",true]");
		assertThat(other.nextText()).isEqualTo("[8,\"chat/a\",\"hi\"]");
		sync(publisher);
		assertThat(publisher.hasPending()).isFalse();
	}

	@Test
	void excludeMeFalseIncludesThePublisherEvenWhenTheDefaultExcludes() {
		settings.excludePublisherByDefault = true;
		start();
		Client publisher = connect();
		publisher.send("[5,\"chat/a\"]");
		publisher.send("[7,\"chat/a\",\"hi\",false]");
		assertThat(publisher.nextText()).isEqualTo("[8,\"chat/a\",\"hi\"]");
	}

	@Test
	void excludeListSkipsThoseSessions() {
		Client publisher = connect();
		Client excluded = connect();
		Client included = connect();
		for (Client client : List.of(publisher, excluded, included)) {
			client.send("[5,\"chat/a\"]");
		}
		publisher.send("[7,\"chat/a\",\"hi\",[\"" + excluded.sessionId() + "\"]]");
		assertThat(publisher.nextText()).isEqualTo("[8,\"chat/a\",\"hi\"]");
		assertThat(included.nextText()).isEqualTo("[8,\"chat/a\",\"hi\"]");
		sync(excluded);
		assertThat(excluded.hasPending()).isFalse();
	}

	@Test
	void excludeAndEligibleDeliverToEligibleMinusExcluded() {
		Client publisher = connect();
		Client a = connect();
		Client b = connect();
		Client c = connect();
		for (Client client : List.of(publisher, a, b, c)) {
			client.send("[5,\"chat/a\"]");
		}
		publisher.send("[7,\"chat/a\",\"hi\",[\"" + b.sessionId() + "\"],[\"" + a.sessionId() + "\",\"" + b.sessionId()
				+ "\"]]");
		assertThat(a.nextText()).isEqualTo("[8,\"chat/a\",\"hi\"]");
		for (Client client : List.of(publisher, b, c)) {
			sync(client);
			assertThat(client.hasPending()).isFalse();
		}
	}

	@Test
	void emptyEligibleListReachesNobody() {
		Client publisher = connect();
		Client other = connect();
		publisher.send("[5,\"chat/a\"]");
		other.send("[5,\"chat/a\"]");
		publisher.send("[7,\"chat/a\",\"hi\",[],[]]");
		for (Client client : List.of(publisher, other)) {
			sync(client);
			assertThat(client.hasPending()).isFalse();
		}
	}

	@Test
	void excludeListWithUnknownSessionIdsStillReachesEveryoneElse() {
		Client publisher = connect();
		Client other = connect();
		publisher.send("[5,\"chat/a\"]");
		other.send("[5,\"chat/a\"]");
		publisher.send("[7,\"chat/a\",\"hi\",[\"no-such-session\",\"\",\"" + "x".repeat(300) + "\"]]");
		assertThat(publisher.nextText()).isEqualTo("[8,\"chat/a\",\"hi\"]");
		assertThat(other.nextText()).isEqualTo("[8,\"chat/a\",\"hi\"]");
	}

	@Test
	void eligibleListWithUnknownSessionIdsReachesOnlyTheKnownOnes() {
		Client publisher = connect();
		Client other = connect();
		publisher.send("[5,\"chat/a\"]");
		other.send("[5,\"chat/a\"]");
		publisher.send("[7,\"chat/a\",\"hi\",[],[\"no-such-session\",\"" + other.sessionId() + "\"]]");
		assertThat(other.nextText()).isEqualTo("[8,\"chat/a\",\"hi\"]");
		sync(publisher);
		assertThat(publisher.hasPending()).isFalse();
	}

	@Test
	void nullEventIsDeliveredAsJsonNull() {
		Client client = connect();
		client.send("[5,\"chat/a\"]");
		client.send("[7,\"chat/a\",null]");
		assertThat(client.nextText()).isEqualTo("[8,\"chat/a\",null]");
	}

	@Test
	void unicodeTopicUriIsSubscribedAndEchoedInFull() {
		Client client = connect();
		client.send("[1,\"c\",\"chat/\"]");
		client.send("[5,\"c:caf\u00e9\ud83d\ude00\"]");
		client.send("[7,\"chat/caf\u00e9\ud83d\ude00\",\"\u2603\"]");
		assertThat(client.nextText()).isEqualTo("[8,\"chat/caf\u00e9\ud83d\ude00\",\"\u2603\"]");
		assertThat(hooks).containsExactly("subscribe chat/caf\u00e9\ud83d\ude00 {room=caf\u00e9\ud83d\ude00}");
	}

	@Test
	void publicationFromTheServerFiltersByUser() {
		Client alice = connect(() -> "alice");
		Client bob = connect(() -> "bob");
		alice.send("[5,\"chat/a\"]");
		bob.send("[5,\"chat/a\"]");
		server.publish(new Publication("chat/a", "for alice", Set.of(), null, "alice")).block(Duration.ofSeconds(5));
		assertThat(alice.nextText()).isEqualTo("[8,\"chat/a\",\"for alice\"]");
		sync(bob);
		assertThat(bob.hasPending()).isFalse();
		assertThat(server.connections().findByUser("alice")).containsExactly(alice.connection());
	}

	@Test
	void broadcastEncodesTheEventOnceAndSharesTheFrame() {
		Client a = transport.connect();
		Client b = transport.connect();
		a.welcome();
		b.welcome();
		a.send("[5,\"chat/a\"]");
		b.send("[5,\"chat/a\"]");
		Topic topic = server.topic("chat/a").orElseThrow();
		assertThat(topic.broadcast("once", Set.of(), null)).isEqualTo(2);
		Frame first = a.nextFrame(InMemoryTransport.DEFAULT_TIMEOUT);
		Frame second = b.nextFrame(InMemoryTransport.DEFAULT_TIMEOUT);
		assertThat(first).isSameAs(second);
		assertThat(listener.sent).containsOnlyOnce("8x2").doesNotContain("8x1");
	}

	@Test
	void topicBroadcastHonorsExcludeAndEligible() {
		Client a = connect();
		Client b = connect();
		a.send("[5,\"chat/a\"]");
		b.send("[5,\"chat/a\"]");
		Topic topic = server.topic("chat/a").orElseThrow();
		assertThat(topic.broadcast("x", Set.of(a.sessionId()), null)).isEqualTo(1);
		assertThat(topic.broadcast("y", Set.of(), Set.of(a.sessionId()))).isEqualTo(1);
		assertThat(b.nextText()).isEqualTo("[8,\"chat/a\",\"x\"]");
		assertThat(a.nextText()).isEqualTo("[8,\"chat/a\",\"y\"]");
	}

	// ---- subscriptions

	@Test
	void subscribeToUnknownTopicIsIgnoredAndRegistersNothing() {
		Client client = connect();
		client.send("[5,\"nowhere/at-all\"]");
		assertThat(server.topicCount()).isZero();
		assertThat(client.connection().attributes().get("wamp.subscriptions", Set.of())).isEmpty();
		assertThat(listener.ignored).containsExactly(WampServerListener.IgnoredReason.NO_SUCH_TOPIC);
	}

	@Test
	void publishToUnknownTopicIsIgnored() {
		Client client = connect();
		client.send("[7,\"nowhere/at-all\",1]");
		assertThat(listener.ignored).containsExactly(WampServerListener.IgnoredReason.NO_SUCH_TOPIC);
		assertThat(client.hasPending()).isFalse();
		assertThat(client.isClosed()).isFalse();
	}

	@Test
	void refusedSubscribeIsIgnoredAndRegistersNothing() {
		Client client = connect();
		client.send("[5,\"secret/plans\"]");
		client.send("[5,\"guarded/door\"]");
		assertThat(listener.ignored).containsExactly(WampServerListener.IgnoredReason.NOT_AUTHORIZED,
				WampServerListener.IgnoredReason.REFUSED);
		assertThat(server.topicCount()).isZero();
		assertThat(server.topic("guarded/door")).isEmpty();
		assertThat(brokerCalls).isEmpty();
	}

	@Test
	void refusedPublishIsIgnored() {
		Client client = connect();
		client.send("[7,\"secret/plans\",1]");
		assertThat(listener.ignored).containsExactly(WampServerListener.IgnoredReason.NOT_AUTHORIZED);
	}

	@Test
	void subscribeHookFailureIsReportedAndRegistersNothing() {
		Client client = connect();
		client.send("[5,\"crashing/x\"]");
		assertThat(listener.errors).singleElement().isInstanceOf(IllegalStateException.class);
		assertThat(server.topicCount()).isZero();
		assertThat(client.isClosed()).isFalse();
	}

	@Test
	void doubleSubscribeDeliversOnce() {
		Client client = connect();
		client.send("[5,\"chat/a\"]");
		client.send("[5,\"chat/a\"]");
		client.send("[7,\"chat/a\",1]");
		client.send("[7,\"chat/a\",2]");
		assertThat(client.nextText()).isEqualTo("[8,\"chat/a\",1]");
		assertThat(client.nextText()).isEqualTo("[8,\"chat/a\",2]");
		assertThat(client.hasPending()).isFalse();
		assertThat(hooks).containsExactly("subscribe chat/a {room=a}");
	}

	@Test
	void unsubscribeWhenNotSubscribedIsANoOp() {
		Client client = connect();
		client.send("[6,\"chat/a\"]");
		assertThat(hooks).isEmpty();
		assertThat(listener.ignored).containsExactly(WampServerListener.IgnoredReason.NOT_SUBSCRIBED);
		assertThat(client.isClosed()).isFalse();
	}

	@Test
	void unsubscribeStopsDeliveryAndRunsTheHook() {
		Client client = connect();
		Client publisher = connect();
		client.send("[5,\"chat/a\"]");
		client.send("[6,\"chat/a\"]");
		publisher.send("[7,\"chat/a\",1]");
		assertThat(hooks).containsExactly("subscribe chat/a {room=a}", "unsubscribe chat/a");
		assertThat(listener.events).containsSubsequence("subscribed chat/a", "unsubscribed chat/a");
		sync(client);
		assertThat(client.hasPending()).isFalse();
	}

	@Test
	void disconnectRemovesEverySubscriptionRunsTheHookForEachAndDropsEmptyTopics() {
		Client client = connect();
		Client stayer = connect();
		client.send("[5,\"chat/a\"]");
		client.send("[5,\"chat/b\"]");
		stayer.send("[5,\"chat/b\"]");
		assertThat(server.topicCount()).isEqualTo(2);
		client.drop();
		assertThat(hooks).contains("unsubscribe chat/a", "unsubscribe chat/b");
		assertThat(server.topic("chat/a")).isEmpty();
		assertThat(server.topic("chat/b").orElseThrow().subscribers()).containsExactly(stayer.connection());
		assertThat(server.topicCount()).isEqualTo(1);
		assertThat(server.connections().find(client.sessionId())).isEmpty();
		stayer.drop();
		assertThat(server.topicCount()).isZero();
		assertThat(server.subscriptions().all()).isEmpty();
	}

	@Test
	void topicInterestReachesTheBrokerAndListener() {
		Client a = connect();
		Client b = connect();
		a.send("[5,\"chat/a\"]");
		b.send("[5,\"chat/a\"]");
		a.send("[6,\"chat/a\"]");
		assertThat(brokerCalls).containsExactly("added chat/a");
		b.close();
		assertThat(brokerCalls).containsExactly("added chat/a", "removed chat/a");
		assertThat(listener.events).containsSubsequence("topic created chat/a", "topic removed chat/a");
	}

	@Test
	void subscriptionsAttributeMirrorsTheTopics() {
		Client client = connect();
		client.send("[5,\"chat/a\"]");
		client.send("[5,\"chat/b\"]");
		client.send("[6,\"chat/a\"]");
		assertThat(client.connection().attributes().get("wamp.subscriptions", Set.of())).containsExactly("chat/b");
	}

	// ---- onPublish

	@Test
	void onPublishMayTransformTheEvent() {
		Client client = connect();
		client.send("[5,\"shout/x\"]");
		client.send("[7,\"shout/x\",\"hello\"]");
		assertThat(client.nextText()).isEqualTo("[8,\"shout/x\",\"HELLO\"]");
	}

	@Test
	void onPublishReturningNullDropsThePublication() {
		Client client = connect();
		client.send("[5,\"shout/x\"]");
		client.send("[7,\"shout/x\",\"drop\"]");
		client.send("[7,\"shout/x\",\"next\"]");
		assertThat(client.nextText()).isEqualTo("[8,\"shout/x\",\"NEXT\"]");
		assertThat(listener.ignored).containsExactly(WampServerListener.IgnoredReason.DROPPED);
	}

	@Test
	void onPublishReceivesTheTopicWithItsLocalSubscribers() {
		Client a = connect();
		Client b = connect();
		a.send("[5,\"census/x\"]");
		b.send("[5,\"census/x\"]");
		b.send("[7,\"census/x\",\"count\"]");
		assertThat(a.nextText()).isEqualTo("[8,\"census/x\",\"census/x has 2\"]");
	}

	@Test
	void onPublishToATopicWithoutLocalSubscribersSeesAnEmptyTopic() {
		Client publisher = connect();
		Client subscriber = connect();
		publisher.send("[7,\"census/empty\",\"count\"]");
		subscriber.send("[5,\"census/empty\"]");
		publisher.send("[7,\"census/empty\",\"count\"]");
		assertThat(subscriber.nextText()).isEqualTo("[8,\"census/empty\",\"census/empty has 1\"]");
		assertThat(publisher.hasPending()).isFalse();
	}

	// ---- periodic tasks

	@Test
	void periodicWorkReceivesTheVariablesOfItsTopic() {
		Client client = connect();
		client.send("[5,\"clock/utc\"]");
		assertThat(client.nextText()).isEqualTo("[8,\"clock/utc\",\"utc\"]");
	}

	@Test
	void periodicTaskRunsOnlyWhileTheTopicHasSubscribers() {
		Client a = connect();
		Client b = connect();
		a.send("[5,\"ticker/t\"]");
		assertThat(a.next(WampMessage.Event.class).topicUri()).isEqualTo("ticker/t");
		LocalTopic topic = server.subscriptions().get("ticker/t");
		Disposable timer = topic.periodic();
		assertThat(timer).isNotNull();
		b.send("[5,\"ticker/t\"]");
		assertThat(topic.periodic()).as("one timer per topic, not per subscriber").isSameAs(timer);
		a.send("[6,\"ticker/t\"]");
		assertThat(timer.isDisposed()).isFalse();
		b.send("[6,\"ticker/t\"]");
		assertThat(timer.isDisposed()).isTrue();
		int after = ticks.get();
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> ticks.get() <= after + 1);
	}

	@Test
	void periodicTaskIsPerTopicNotPerHandler() {
		Client client = connect();
		client.send("[5,\"ticker/one\"]");
		client.send("[5,\"ticker/two\"]");
		Disposable one = server.subscriptions().get("ticker/one").periodic();
		Disposable two = server.subscriptions().get("ticker/two").periodic();
		assertThat(one).isNotNull().isNotSameAs(two);
		client.send("[6,\"ticker/one\"]");
		assertThat(one.isDisposed()).isTrue();
		assertThat(two.isDisposed()).isFalse();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> client.pending()
				.stream()
				.anyMatch((frame) -> ((Frame.Text) frame).text().startsWith("[8,\"ticker/two\"")));
	}

}
