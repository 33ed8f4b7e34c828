package dev.websocket.server.spring.annotation;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import dev.websocket.server.connection.AttributeStore;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.engine.WampServerListener;
import dev.websocket.server.engine.WampServerListener.IgnoredReason;
import dev.websocket.server.spring.autoconfigure.WampServerCustomizer;
import dev.websocket.server.testing.InMemoryTransport;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.message.WampMessage;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.Topic;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Topics handled by {@link WampTopic @WampTopic} beans, through the engine. */
class TopicMethodTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(JacksonAutoConfiguration.class, WampAnnotationsAutoConfiguration.class))
		.withUserConfiguration(TestWampServerConfiguration.class)
		.withBean(ChatTopic.class)
		.withBean(NewsTopic.class)
		.withBean(PlainTopic.class)
		.withBean(AuditTopic.class)
		.withBean(TickerTopic.class)
		.withBean(BlockingTickerTopic.class)
		.withBean(StuckTickerTopic.class);

	@Test
	void subscribeHookRefusesWithFalse() {
		withClients((publisher, subscriber) -> {
			subscriber.send("[5,\"chat/closed\"]");
			subscriber.send("[5,\"chat/open\"]");
			publisher.send("[7,\"chat/closed\",{\"user\":\"ada\",\"text\":\"a\"}]");
			publisher.send("[7,\"chat/open\",{\"user\":\"ada\",\"text\":\"b\"}]");
			assertThat(subscriber.nextText()).isEqualTo("[8,\"chat/open\",{\"user\":\"ada\",\"text\":\"B\"}]");
		});
	}

	@Test
	void uriVariableThatDoesNotConvertRefusesTheSubscriptionAsAClientError() {
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		List<IgnoredReason> ignored = new CopyOnWriteArrayList<>();
		WampServerCustomizer recording = (builder) -> builder.listener(new WampServerListener() {
			@Override
			public void error(WampConnection connection, Throwable error) {
				errors.add(error);
			}

			@Override
			public void messageIgnored(WampConnection connection, WampMessage message, IgnoredReason reason) {
				ignored.add(reason);
			}
		});
		this.runner.withBean(NumberedTopic.class)
			.withBean(WampServerCustomizer.class, () -> recording)
			.run((context) -> {
				InMemoryTransport.Client client = new InMemoryTransport(context.getBean(WampServer.class)).connect();
				client.welcome();
				client.send("[5,\"numbered/forty-two\"]");
				client.send("[5,\"numbered/42\"]");
				await().atMost(Duration.ofSeconds(5))
					.until(() -> context.getBean(NumberedTopic.class).subscribed.size() == 1);
				assertThat(context.getBean(NumberedTopic.class).subscribed).containsExactly(42);
				assertThat(ignored).containsExactly(IgnoredReason.REFUSED);
				assertThat(errors).isEmpty();
			});
	}

	@Test
	void subscribeHookReceivesTheConnectionTopicAndVariables() {
		withClients((context, publisher, subscriber) -> {
			subscriber.send("[5,\"chat/lobby\"]");
			ChatTopic chat = context.getBean(ChatTopic.class);
			assertThat(poll(chat.subscribed)).isEqualTo(subscriber.sessionId() + " chat/lobby lobby");
			assertThat(subscriber.connection().attributes().get("room")).isEqualTo("lobby");
		});
	}

	@Test
	void unsubscribeHookRunsOnUnsubscribeAndOnClose() {
		withClients((context, publisher, subscriber) -> {
			ChatTopic chat = context.getBean(ChatTopic.class);
			subscriber.send("[5,\"chat/lobby\"]");
			subscriber.send("[5,\"chat/kitchen\"]");
			subscriber.send("[6,\"chat/lobby\"]");
			assertThat(poll(chat.left)).isEqualTo("lobby");
			subscriber.close();
			assertThat(poll(chat.left)).isEqualTo("kitchen");
		});
	}

	@Test
	void blockingUnsubscribeHookRunsOnTheBoundedElasticScheduler() {
		withClients((context, publisher, subscriber) -> {
			subscriber.send("[5,\"audit/x\"]");
			subscriber.send("[6,\"audit/x\"]");
			assertThat(poll(context.getBean(AuditTopic.class).threads)).startsWith("boundedElastic-");
		});
	}

	@Test
	void publishHookTransformsTheConvertedEvent() {
		withClients((publisher, subscriber) -> {
			subscriber.send("[5,\"chat/lobby\"]");
			publisher.send("[7,\"chat/lobby\",{\"user\":\"ada\",\"text\":\"hello\"}]");
			assertThat(subscriber.nextText()).isEqualTo("[8,\"chat/lobby\",{\"user\":\"ada\",\"text\":\"HELLO\"}]");
		});
	}

	@Test
	void publishHookReturningNullDropsThePublication() {
		withClients((publisher, subscriber) -> {
			subscriber.send("[5,\"chat/lobby\"]");
			publisher.send("[7,\"chat/lobby\",{\"user\":\"ada\",\"text\":\"drop\"}]");
			publisher.send("[7,\"chat/lobby\",{\"user\":\"ada\",\"text\":\"kept\"}]");
			assertThat(subscriber.nextText()).isEqualTo("[8,\"chat/lobby\",{\"user\":\"ada\",\"text\":\"KEPT\"}]");
		});
	}

	@Test
	void eventThatDoesNotConvertIsDropped() {
		withClients((publisher, subscriber) -> {
			subscriber.send("[5,\"chat/lobby\"]");
			publisher.send("[7,\"chat/lobby\",\"not a message\"]");
			publisher.send("[7,\"chat/lobby\",{\"user\":\"ada\",\"text\":\"kept\"}]");
			assertThat(subscriber.nextText()).isEqualTo("[8,\"chat/lobby\",{\"user\":\"ada\",\"text\":\"KEPT\"}]");
		});
	}

	@Test
	void publishHookReturningAPublicationDeliversIt() {
		withClients((publisher, subscriber) -> {
			subscriber.send("[5,\"news/tech\"]");
			publisher.send("[7,\"news/tech\",\"secret\"]");
			publisher.send("[7,\"news/tech\",\"launch\"]");
			assertThat(subscriber.nextText()).isEqualTo("[8,\"news/tech\",\"tech: launch\"]");
		});
	}

	@Test
	void voidPublishHookDeliversThePublicationUnchanged() {
		withClients((context, publisher, subscriber) -> {
			subscriber.send("[5,\"plain\"]");
			publisher.send("[7,\"plain\",{\"any\":[1,2]}]");
			assertThat(subscriber.nextText()).isEqualTo("[8,\"plain\",{\"any\":[1,2]}]");
			assertThat(poll(context.getBean(PlainTopic.class).seen)).isEqualTo(publisher.sessionId() + " 1 1");
		});
	}

	@Test
	void periodicMethodBroadcastsToEachTopicWhileItHasSubscribers() {
		withClients((context, publisher, subscriber) -> {
			TickerTopic ticker = context.getBean(TickerTopic.class);
			assertThat(ticker.ticks).hasValue(0);
			subscriber.send("[5,\"ticker/acme\"]");
			assertThat(subscriber.nextText()).isEqualTo("[8,\"ticker/acme\",\"acme 1\"]");
			subscriber.send("[6,\"ticker/acme\"]");
			WampServer server = context.getBean(WampServer.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> server.topic("ticker/acme").isEmpty());
			int ticks = ticker.ticks.get();
			await().during(Duration.ofMillis(300))
				.atMost(Duration.ofSeconds(5))
				.until(() -> ticker.ticks.get() <= ticks + 1);
		});
	}

	@Test
	void blockingPeriodicMethodRunsOnTheBoundedElasticScheduler() {
		withClients((publisher, subscriber) -> {
			subscriber.send("[5,\"slow-ticker\"]");
			assertThat(subscriber.nextText()).startsWith("[8,\"slow-ticker\",\"boundedElastic-");
		});
	}

	@Test
	void blockingPeriodicMethodSkipsTicksWhileItsPreviousRunIsStillGoing() {
		withClients((context, publisher, subscriber) -> {
			StuckTickerTopic stuck = context.getBean(StuckTickerTopic.class);
			subscriber.send("[5,\"stuck-ticker\"]");
			await().atMost(Duration.ofSeconds(5)).until(() -> stuck.started.get() >= 1);
			try {
				// about fifteen ticks of 20 ms while the first run is stuck
				await().during(Duration.ofMillis(300))
					.atMost(Duration.ofSeconds(5))
					.until(() -> stuck.started.get() == 1);
			}
			finally {
				stuck.release.countDown();
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> stuck.started.get() >= 2);
		});
	}

	private void withClients(BiConsumer<InMemoryTransport.Client, InMemoryTransport.Client> test) {
		withClients((context, publisher, subscriber) -> test.accept(publisher, subscriber));
	}

	private void withClients(ClientsTest test) {
		this.runner.run((context) -> {
			InMemoryTransport transport = new InMemoryTransport(context.getBean(WampServer.class));
			InMemoryTransport.Client publisher = transport.connect();
			publisher.welcome();
			InMemoryTransport.Client subscriber = transport.connect();
			subscriber.welcome();
			test.run(context, publisher, subscriber);
		});
	}

	private static String poll(BlockingQueue<String> queue) throws InterruptedException {
		String value = queue.poll(5, TimeUnit.SECONDS);
		assertThat(value).as("a hook call within 5 seconds").isNotNull();
		return value;
	}

	@FunctionalInterface
	interface ClientsTest {

		void run(ApplicationContext context, InMemoryTransport.Client publisher, InMemoryTransport.Client subscriber)
				throws Exception;

	}

	record Message(String user, String text) {
	}

	@WampTopic("numbered/{id}")
	static class NumberedTopic {

		final List<Integer> subscribed = new CopyOnWriteArrayList<>();

		@OnSubscribe
		void subscribe(@UriVariable("id") int id) {
			this.subscribed.add(id);
		}

	}

	@WampTopic("chat/{room}")
	static class ChatTopic {

		final BlockingQueue<String> subscribed = new LinkedBlockingQueue<>();

		final BlockingQueue<String> left = new LinkedBlockingQueue<>();

		@OnSubscribe
		boolean subscribe(WampConnection connection, Topic topic, @UriVariable("room") String room, Principal principal,
				AttributeStore attributes) {
			if (room.equals("closed")) {
				return false;
			}
			attributes.set("room", room);
			this.subscribed.add(connection.sessionId() + " " + topic.uri() + " " + room
					+ ((principal != null) ? " " + principal.getName() : ""));
			return true;
		}

		@OnUnsubscribe
		void unsubscribe(@UriVariable("room") String room) {
			this.left.add(room);
		}

		@OnPublish
		Message publish(Message message) {
			return message.text().equals("drop") ? null : new Message(message.user(), message.text().toUpperCase());
		}

	}

	@WampTopic("news/{section}")
	static class NewsTopic {

		@OnPublish
		Publication publish(Publication publication, String headline, @UriVariable("section") String section) {
			return headline.equals("secret") ? null : publication.withEvent(section + ": " + headline);
		}

	}

	@WampTopic("plain")
	static class PlainTopic {

		final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

		@OnPublish
		void publish(WampConnection publisher, Map<String, Object> event, Topic topic) {
			this.seen.add(publisher.sessionId() + " " + event.size() + " " + topic.size());
		}

	}

	@WampTopic("audit/{name}")
	static class AuditTopic {

		final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

		@OnUnsubscribe
		@Blocking
		void unsubscribe() {
			this.threads.add(Thread.currentThread().getName());
		}

	}

	@WampTopic("ticker/{symbol}")
	static class TickerTopic {

		final AtomicInteger ticks = new AtomicInteger();

		@Periodic("50ms")
		String tick(Topic topic, @UriVariable("symbol") String symbol) {
			this.ticks.incrementAndGet();
			return symbol + " " + topic.size();
		}

	}

	@WampTopic("slow-ticker")
	static class BlockingTickerTopic {

		@Periodic("PT0.05S")
		@Blocking
		String tick() {
			return Thread.currentThread().getName();
		}

	}

	@WampTopic("stuck-ticker")
	static class StuckTickerTopic {

		final AtomicInteger started = new AtomicInteger();

		final CountDownLatch release = new CountDownLatch(1);

		@Periodic("20ms")
		@Blocking
		@Nullable String tick() {
			this.started.incrementAndGet();
			try {
				this.release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return null;
		}

	}

}
