package dev.websocket.server.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.websocket.server.broker.Broker;
import dev.websocket.server.broker.InMemoryBroker;
import dev.websocket.server.connection.Attributes;
import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.middleware.HandshakeRejectedException;
import dev.websocket.server.middleware.Middleware;
import dev.websocket.server.testing.InMemoryTransport;
import dev.websocket.server.testing.InMemoryTransport.Client;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.message.WampMessage;
import dev.websocket.server.wamp.routing.Route;
import dev.websocket.server.wamp.topic.PeriodicTask;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.Topic;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** Opening, the middleware chain, closing, keep-alive and shutdown. */
class LifecycleTests {

	private final RecordingListener listener = new RecordingListener();

	private final List<String> trace = new CopyOnWriteArrayList<>();

	private final TestSettings settings = TestSettings.defaults();

	private WampServer server;

	private InMemoryTransport transport;

	private void start(Middleware... layers) {
		server = WampServer.builder()
			.settings(settings.build())
			.listener(listener)
			.middlewares(List.of(layers))
			.rpc("sample/echo", (invocation) -> invocation.arguments())
			.topic("chat/{room}", new TopicHandler() {
			})
			.build();
		transport = new InMemoryTransport(server);
	}

	@AfterEach
	void shutdown() {
		if (server != null) {
			server.shutdown(Duration.ZERO).block(Duration.ofSeconds(5));
		}
	}

	private Middleware tracing(String name, int order) {
		return new Middleware() {
			@Override
			public int order() {
				return order;
			}

			@Override
			public void onOpen(WampConnection connection, Chain chain) {
				trace.add(name + " open");
				chain.onOpen(connection);
			}

			@Override
			public void onMessage(WampConnection connection, WampMessage message, Chain chain) {
				trace.add(name + " " + message);
				chain.onMessage(connection, message);
			}

			@Override
			public void onClose(WampConnection connection, Chain chain) {
				trace.add(name + " close");
				chain.onClose(connection);
			}

			@Override
			public void onError(WampConnection connection, Throwable error, Chain chain) {
				trace.add(name + " error " + error.getMessage());
				chain.onError(connection, error);
			}
		};
	}

	@Test
	void reservedAttributesAreFilledAtOpen() {
		start();
		HttpRequest request = InMemoryTransport.request();
		Client client = transport.connect(request);
		var attributes = client.connection().attributes();
		assertThat(attributes.get(Attributes.HTTP_REQUEST)).isSameAs(request);
		assertThat(attributes.get(Attributes.REMOTE_ADDRESS)).isEqualTo("127.0.0.1");
		assertThat(attributes.get(Attributes.RESOURCE_ID)).isNotNull();
		assertThat(attributes.get(Attributes.HTTP_HEADERS_RECEIVED)).isEqualTo(true);
		assertThat(attributes.get(Attributes.WAMP_SESSION_ID)).isEqualTo(client.sessionId());
		assertThat(attributes.get(Attributes.WAMP_SUBSCRIPTIONS)).isInstanceOf(Set.class);
		assertThat(attributes.has(Attributes.WAMP_PREFIXES)).isTrue();
		assertThat(attributes.has(Attributes.WEBSOCKET_CLOSING)).isFalse();
	}

	@Test
	void initialAttributesAreSetBeforeTheLayersOpenAndNeverReplaceReservedOnes() {
		List<Object> seenAtOpen = new CopyOnWriteArrayList<>();
		start(new Middleware() {
			@Override
			public int order() {
				return SESSION_ORDER;
			}

			@Override
			public void onOpen(WampConnection connection, Chain chain) {
				seenAtOpen.add(connection.attributes().get(Attributes.SESSION, ""));
				chain.onOpen(connection);
			}
		});
		HttpRequest request = InMemoryTransport.request();
		TransportSession session = server.open(request,
				Map.of(Attributes.SESSION, "web-session", Attributes.REMOTE_ADDRESS, "203.0.113.9"));
		assertThat(seenAtOpen).containsExactly("web-session");
		assertThat(session.connection().attributes().get(Attributes.REMOTE_ADDRESS)).isEqualTo("127.0.0.1");
		session.closed(CloseStatus.NORMAL);
	}

	@Test
	void subscriptionsAndPrefixesAttributesAreLiveButReadOnly() {
		start();
		Client client = transport.connect();
		client.welcome();
		client.send("[1,\"c\",\"chat/\"]");
		client.send("[5,\"c:a\"]");
		var attributes = client.connection().attributes();
		Set<String> subscriptions = attributes.get(Attributes.WAMP_SUBSCRIPTIONS, Set.of());
		Map<String, String> prefixes = attributes.get(Attributes.WAMP_PREFIXES, Map.of());
		assertThat(subscriptions).containsExactly("chat/a");
		assertThat(prefixes).containsEntry("c", "chat/");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> subscriptions.add("chat/b"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> prefixes.put("d", "x/"));
		client.send("[6,\"chat/a\"]");
		assertThat(subscriptions).isEmpty();
	}

	@Test
	void aSubscriptionsViewTakenBeforeTheFirstSubscriptionSeesIt() {
		start();
		Client client = transport.connect();
		client.welcome();
		Set<String> subscriptions = client.connection().attributes().get(Attributes.WAMP_SUBSCRIPTIONS, Set.of());
		Map<String, String> prefixes = client.connection().attributes().get(Attributes.WAMP_PREFIXES, Map.of());
		assertThat(subscriptions).isEmpty();
		assertThat(prefixes).isEmpty();
		client.send("[1,\"c\",\"chat/\"]");
		client.send("[5,\"c:a\"]");
		assertThat(subscriptions).containsExactly("chat/a");
		assertThat(prefixes).containsExactly(Map.entry("c", "chat/"));
	}

	@Test
	void reservedAttributesAreListedAndAnApplicationMayReplaceOrRemoveThem() {
		start();
		HttpRequest request = InMemoryTransport.request();
		TransportSession session = server.open(request, Map.of(Attributes.SESSION, "web-session"));
		var attributes = session.connection().attributes();
		assertThat(attributes.all())
			.containsKeys(Attributes.HTTP_REQUEST, Attributes.REMOTE_ADDRESS, Attributes.RESOURCE_ID,
					Attributes.HTTP_HEADERS_RECEIVED, Attributes.WAMP_SESSION_ID, Attributes.WAMP_SUBSCRIPTIONS,
					Attributes.WAMP_PREFIXES, Attributes.SESSION)
			.doesNotContainKey(Attributes.WEBSOCKET_CLOSING);
		assertThat(attributes.get(Attributes.RESOURCE_ID)).isInstanceOf(Long.class)
			.isEqualTo(attributes.get(Attributes.RESOURCE_ID));
		attributes.set(Attributes.REMOTE_ADDRESS, "203.0.113.9");
		attributes.remove(Attributes.SESSION);
		assertThat(attributes.get(Attributes.REMOTE_ADDRESS)).isEqualTo("203.0.113.9");
		assertThat(attributes.has(Attributes.SESSION)).isFalse();
		assertThat(attributes.all()).doesNotContainKey(Attributes.SESSION);
		session.connection().close();
		assertThat(attributes.get(Attributes.WEBSOCKET_CLOSING)).isEqualTo(true);
		session.closed(CloseStatus.NORMAL);
	}

	@Test
	void layersRunInOrderAndSeeMessagesWithCuriesExpanded() {
		start(tracing("inner", 10), tracing("outer", -10));
		Client client = transport.connect();
		client.welcome();
		client.send("[1,\"s\",\"sample/\"]");
		client.send("[2,\"c1\",\"s:echo\"]");
		assertThat(client.nextText()).isEqualTo("[3,\"c1\",[]]");
		client.close();
		assertThat(trace).containsExactly("outer open", "inner open", "outer Prefix[prefix=s, uri=sample/]",
				"inner Prefix[prefix=s, uri=sample/]", "outer Call[callId=c1, procUri=sample/echo, arguments=[]]",
				"inner Call[callId=c1, procUri=sample/echo, arguments=[]]", "outer close", "inner close");
	}

	@Test
	void aLayerMayStopAMessage() {
		start(new Middleware() {
			@Override
			public void onMessage(WampConnection connection, WampMessage message, Chain chain) {
				if (!(message instanceof WampMessage.Call)) {
					chain.onMessage(connection, message);
				}
			}
		});
		Client client = transport.connect();
		client.welcome();
		client.send("[2,\"c1\",\"sample/echo\"]");
		client.send("[5,\"chat/a\"]");
		assertThat(server.topic("chat/a")).isPresent();
		assertThat(client.hasPending()).isFalse();
	}

	@Test
	void welcomeIsTheFirstFrameEvenWhenALayerSendsWhileOpening() {
		start(new Middleware() {
			@Override
			public void onOpen(WampConnection connection, Chain chain) {
				connection.prefix("s", "sample/");
				chain.onOpen(connection);
			}
		});
		Client client = transport.connect();
		client.welcome();
		assertThat(client.next()).isEqualTo(new WampMessage.Prefix("s", "sample/"));
	}

	@Test
	void rejectedHandshakePropagatesIsReportedAndNeverRegistersTheConnection() {
		start(tracing("outer", -10), new Middleware() {
			@Override
			public void onOpen(WampConnection connection, Chain chain) {
				throw new HandshakeRejectedException(403, HandshakeRejectedException.Reason.ORIGIN, "bad origin");
			}
		});
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> transport.connect())
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(403));
		assertThat(listener.events).containsExactly("rejected 403");
		assertThat(server.connections().count()).isZero();
		assertThat(trace).containsExactly("outer open");
	}

	@Test
	void unexpectedFailureWhileOpeningRejectsWith500() {
		start(new Middleware() {
			@Override
			public void onOpen(WampConnection connection, Chain chain) {
				throw new IllegalStateException("broken layer");
			}
		});
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> transport.connect())
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(500));
		assertThat(server.connections().count()).isZero();
	}

	@Test
	void closeHandlingRunsOnceAndReportsTheStatus() {
		start(tracing("layer", 0));
		Client client = transport.connect();
		client.welcome();
		client.session().closed(new CloseStatus(CloseCodes.GOING_AWAY, "bye"));
		client.session().closed(new CloseStatus(CloseCodes.NORMAL, "again"));
		assertThat(trace).containsOnlyOnce("layer close");
		assertThat(listener.events).containsExactly("opened", "closed");
		assertThat(listener.closed).containsExactly(new CloseStatus(CloseCodes.GOING_AWAY, "bye"));
		assertThat(server.connections().count()).isZero();
	}

	@Test
	void nothingIsSentOnceTheConnectionIsClosing() {
		start();
		Client client = transport.connect(InMemoryTransport.request(), false);
		WampConnection connection = client.connection();
		connection.send("[8,\"before\",1]");
		connection.close(CloseCodes.NORMAL, "done");
		connection.send("[8,\"after\",1]");
		connection.callResult("c1", 1);
		connection.close(CloseCodes.GOING_AWAY, "twice");
		assertThat(connection.isClosing()).isTrue();
		assertThat(connection.attributes().get(Attributes.WEBSOCKET_CLOSING)).isEqualTo(true);
		client.read(Long.MAX_VALUE);
		client.welcome();
		assertThat(client.nextText()).isEqualTo("[8,\"before\",1]");
		assertThat(client.awaitClose()).isEqualTo(new CloseStatus(CloseCodes.NORMAL, "done"));
		assertThat(client.hasPending()).isFalse();
	}

	@Test
	void gracefulCloseWritesQueuedFramesBeforeCompleting() {
		start();
		Client client = transport.connect(InMemoryTransport.request(), false);
		for (int i = 0; i < 5; i++) {
			client.connection().event("chat/a", i);
		}
		client.connection().close(4000, "custom");
		assertThat(client.isClosed()).isFalse();
		client.read(Long.MAX_VALUE);
		client.welcome();
		for (int i = 0; i < 5; i++) {
			assertThat(client.nextText()).isEqualTo("[8,\"chat/a\"," + i + "]");
		}
		assertThat(client.awaitClose()).isEqualTo(new CloseStatus(4000, "custom"));
		assertThat(client.session().closeStatus()).isEqualTo(new CloseStatus(4000, "custom"));
	}

	@Test
	void listenerAndHookFailuresNeverReachTheTransport() {
		server = WampServer.builder().listener(new WampServerListener() {
			@Override
			public void messageReceived(WampConnection connection, WampMessage message) {
				throw new IllegalStateException("listener failure");
			}
		}).topic("chat/{room}", new TopicHandler() {
			@Override
			public void onUnsubscribe(WampConnection connection, Topic topic, Map<String, String> variables) {
				throw new IllegalStateException("hook failure");
			}
		}).build();
		transport = new InMemoryTransport(server);
		Client client = transport.connect();
		client.welcome();
		client.send("[5,\"chat/a\"]");
		client.send("[6,\"chat/a\"]");
		client.send("[5,\"chat/a\"]");
		client.close();
		assertThat(server.topicCount()).isZero();
	}

	@Test
	void transportErrorsRunTheErrorChain() {
		start(tracing("layer", 0));
		Client client = transport.connect();
		client.session().error(new IllegalStateException("socket reset"));
		assertThat(trace).contains("layer error socket reset");
		assertThat(listener.errors).singleElement().extracting(Throwable::getMessage).isEqualTo("socket reset");
	}

	@Test
	void connectionsAreFoundBySessionIdAndUser() {
		start();
		Client alice = transport.connect(InMemoryTransport.request(() -> "alice"));
		Client anonymous = transport.connect();
		assertThat(server.connections().find(alice.sessionId())).containsSame(alice.connection());
		assertThat(server.connections().findByUser("alice")).containsExactly(alice.connection());
		assertThat(server.connections().findByUser("bob")).isEmpty();
		assertThat(server.connections().all()).containsExactlyInAnyOrder(alice.connection(), anonymous.connection());
		assertThat(alice.connection().principal().getName()).isEqualTo("alice");
		Client aliceAgain = transport.connect(InMemoryTransport.request(() -> "alice"));
		assertThat(server.connections().findByUser("alice")).containsExactlyInAnyOrder(alice.connection(),
				aliceAgain.connection());
		alice.close();
		aliceAgain.close();
		assertThat(server.connections().findByUser("alice")).isEmpty();
	}

	@Test
	void duplicatePatternsFailAtRegistration() {
		assertThatIllegalArgumentException().isThrownBy(() -> WampServer.builder()
			.rpc("sample/echo", (invocation) -> null)
			.rpc("sample/echo", (invocation) -> null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WampServer.builder().topic("chat/{room}", new TopicHandler() {
			}).topic("chat/{room}", new TopicHandler() {
			}));
	}

	// ---- keep-alive

	@Test
	void keepAliveClosesAConnectionThatLeavesPingsUnanswered() {
		settings.pingInterval = Duration.ofMillis(20);
		start();
		Client silent = transport.connect();
		silent.answerPings(false);
		Client alive = transport.connect();
		assertThat(silent.awaitClose()).isEqualTo(new CloseStatus(CloseCodes.GOING_AWAY, "Ping timeout"));
		assertThat(silent.pings()).isEqualTo(2);
		await().atMost(Duration.ofSeconds(5)).until(() -> alive.pings() > 4);
		assertThat(alive.isClosed()).isFalse();
	}

	@Test
	void keepAliveTickPingsEveryOpenConnectionOnce() {
		settings.pingInterval = Duration.ZERO;
		start();
		Client first = transport.connect();
		Client second = transport.connect();
		assertThat(first.pings()).isZero();
		server.keepAlive().tick();
		assertThat(first.pings()).isEqualTo(1);
		assertThat(second.pings()).isEqualTo(1);
	}

	// ---- shutdown

	@Test
	void shutdownFlushesQueuedFramesThenClosesWith1001AndRefusesNewConnections() {
		start();
		Client slow = transport.connect(InMemoryTransport.request(), false);
		Client reading = transport.connect();
		reading.welcome();
		slow.connection().event("chat/a", "last words");
		var shutdown = server.shutdown(Duration.ofSeconds(5)).toFuture();
		assertThat(shutdown).isNotDone();
		slow.read(Long.MAX_VALUE);
		slow.welcome();
		assertThat(slow.nextText()).isEqualTo("[8,\"chat/a\",\"last words\"]");
		assertThat(slow.awaitClose()).isEqualTo(new CloseStatus(CloseCodes.GOING_AWAY, "Server shutting down"));
		assertThat(reading.awaitClose().code()).isEqualTo(CloseCodes.GOING_AWAY);
		await().atMost(Duration.ofSeconds(5)).until(shutdown::isDone);
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> transport.connect())
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(503));
		assertThat(server.connections().count()).isZero();
	}

	@Test
	void connectionOpenedWhileShutdownBeginsIsClosedWith1001() {
		// The layer starts the shutdown after open() passed its accepting check but
		// before the
		// connection is registered, so the shutdown's sweep cannot see it.
		start(new Middleware() {
			@Override
			public void onOpen(WampConnection connection, Chain chain) {
				server.shutdown(Duration.ZERO).block(Duration.ofSeconds(5));
				chain.onOpen(connection);
			}
		});
		Client client = transport.connect();
		client.welcome();
		assertThat(client.awaitClose()).isEqualTo(CloseStatus.GOING_AWAY);
		assertThat(server.connections().count()).isZero();
	}

	@Test
	void shutdownStopsTheBrokerAndPeriodicTasks() {
		List<String> brokerCalls = new CopyOnWriteArrayList<>();
		InMemoryBroker inMemory = new InMemoryBroker();
		server = WampServer.builder().broker(new Broker() {
			@Override
			public void start(LocalDelivery localDelivery) {
				brokerCalls.add("start");
				inMemory.start(localDelivery);
			}

			@Override
			public Mono<Void> publish(Publication publication) {
				return inMemory.publish(publication);
			}

			@Override
			public void stop() {
				brokerCalls.add("stop");
			}
		}).topic("ticker/{name}", new TopicHandler() {
			@Override
			public PeriodicTask periodicTask() {
				return new PeriodicTask(Duration.ofMinutes(1), (topic, variables) -> null);
			}
		}).build();
		transport = new InMemoryTransport(server);
		Client client = transport.connect();
		client.send("[5,\"ticker/a\"]");
		Disposable periodic = server.subscriptions().get("ticker/a").periodic();
		server.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(5));
		assertThat(brokerCalls).containsExactly("start", "stop");
		assertThat(periodic.isDisposed()).isTrue();
		server.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(5));
		assertThat(brokerCalls).containsExactly("start", "stop");
	}

	@Test
	void settingTheClosingAttributeStopsSending() {
		start();
		Client client = transport.connect();
		client.welcome();
		client.connection().attributes().set(Attributes.WEBSOCKET_CLOSING, true);
		client.connection().event("chat/a", 1);
		client.send("[2,\"c1\",\"sample/echo\"]");
		assertThat(client.hasPending()).isFalse();
	}

	@Test
	void shutdownGivesUpWaitingAfterTheGracePeriod() {
		start();
		transport.connect(InMemoryTransport.request(), false);
		StepVerifier.create(server.shutdown(Duration.ofMillis(50))).expectComplete().verify(Duration.ofSeconds(5));
	}

	@Test
	void socketClosingOnAnotherThreadDuringSubscribeLeavesNoSubscriptionBehind() throws Exception {
		CountDownLatch inHook = new CountDownLatch(1);
		CountDownLatch closed = new CountDownLatch(1);
		server = WampServer.builder().topic("slow/{name}", new TopicHandler() {
			@Override
			public boolean onSubscribe(WampConnection connection, Topic topic, Map<String, String> variables) {
				inHook.countDown();
				awaitQuietly(closed);
				return true;
			}
		}).build();
		transport = new InMemoryTransport(server);
		Client client = transport.connect();
		Thread closer = new Thread(() -> {
			awaitQuietly(inHook);
			client.drop();
			closed.countDown();
		});
		closer.start();
		client.send("[5,\"slow/a\"]");
		closer.join(10_000);
		assertThat(closer.isAlive()).isFalse();
		assertThat(server.subscriptions().all()).isEmpty();
		assertThat(((DecoratedConnection) client.connection()).subscriptions()).isEmpty();
		assertThat(server.connections().count()).isZero();
	}

	@Test
	void socketClosingJustBeforeTheSubscriberJoinsLeavesNoSubscriptionBehind() throws Exception {
		TopicHandler handler = new TopicHandler() {
		};
		server = WampServer.builder().topic("chat/{room}", handler).build();
		transport = new InMemoryTransport(server);
		Client client = transport.connect();
		LocalTopic topic = server.subscriptions()
			.obtain("chat/a", new Route<>("chat/{room}", handler, Map.of("room", "a")));
		Thread subscriber = new Thread(() -> client.send("[5,\"chat/a\"]"));
		synchronized (topic) {
			// Holding the topic's monitor parks the SUBSCRIBE after its closing check,
			// right
			// before it joins; the socket then closes and its cleanup finds nothing to
			// remove.
			subscriber.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> isBlockedOn(subscriber, topic));
			client.drop();
		}
		subscriber.join(10_000);
		assertThat(subscriber.isAlive()).isFalse();
		assertThat(server.subscriptions().all()).isEmpty();
		assertThat(server.topicCount()).isZero();
		assertThat(((DecoratedConnection) client.connection()).subscriptions()).isEmpty();
	}

	private static boolean isBlockedOn(Thread thread, Object monitor) {
		ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(thread.getId());
		return info != null && info.getThreadState() == Thread.State.BLOCKED && info.getLockInfo() != null
				&& info.getLockInfo().getIdentityHashCode() == System.identityHashCode(monitor);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new AssertionError("latch not released in time");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
