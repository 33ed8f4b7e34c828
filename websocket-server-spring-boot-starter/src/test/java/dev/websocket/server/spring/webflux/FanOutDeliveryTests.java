package dev.websocket.server.spring.webflux;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.websocket.server.engine.Connections;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.spring.event.WampConnectionClosedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fan-out over real sockets spread over the server's event loops (Reactor Netty gives
 * each new connection the next loop): every subscriber receives every event of a
 * broadcast, in publication order, while one subscriber that stopped reading is closed
 * with 1008 by the overflow policy.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		// the byte bound (64 events of the stalled test's 16 KiB) is what a reader
		// that stopped overflows; the count bound is above every burst of small
		// events here, which an unpaced publisher sends faster than a loop that
		// the machine descheduled for a moment writes them
		"websocket.server.outbound.max-messages=1024", "websocket.server.outbound.max-bytes=1MB",
		// every PUBLISH is delivered: this is about delivery, not the publisher's
		// budget
		"websocket.server.limits.publish-rate=0", "websocket.server.limits.publish-bytes-rate=0" })
class FanOutDeliveryTests {

	private static final Duration T = Duration.ofSeconds(30);

	private static final Pattern SEQUENCE = Pattern.compile("^\\[8,\"[^\"]+\",\\{\"n\":(\\d+)");

	@LocalServerPort
	int port;

	@Autowired
	WampServer server;

	@Autowired
	Connections connections;

	@Autowired
	EventRecorder events;

	@Autowired
	MeterRegistry meters;

	private final List<RawClient> clients = new ArrayList<>();

	@AfterEach
	void abortClients() {
		this.clients.forEach(RawClient::abort);
	}

	@Test
	void everySubscriberOnEveryLoopReceivesEveryEventInOrder() throws InterruptedException {
		String topic = BASE + "chat/loops";
		List<RawClient> subscribers = subscribers(topic, 16);
		RawClient publisher = connect();
		int events = 500;
		for (int i = 0; i < events; i++) {
			publisher.send("[7,\"" + topic + "\",{\"n\":" + i + "}]");
		}
		for (RawClient subscriber : subscribers) {
			for (int i = 0; i < events; i++) {
				String text = subscriber.texts().poll(T.toSeconds(), TimeUnit.SECONDS);
				assertThat(text)
					.as("event %d of %d (the subscriber's close: %s)", i, events, subscriber.closed().getNow(null))
					.isNotNull();
				assertThat(sequenceOf(text)).as("event %d of %d", i, events).isEqualTo(i);
			}
		}
	}

	/**
	 * A CALLRESULT computed during the read of its CALL is written at once only when
	 * nothing is queued before it: the caller's own EVENTs (queued, shared with the other
	 * subscribers) and its CALLRESULTs reach it in the order of its messages, all sent in
	 * one TCP write so that they are read together.
	 */
	@Test
	void aCallersOwnEventsAndCallResultsArriveInTheOrderOfItsMessages() throws Exception {
		String topic = BASE + "chat/own";
		List<RawClient> others = subscribers(topic, 3);
		try (FrameSocket caller = FrameSocket.open(this.port)) {
			assertThat(caller.readFrame()).isNotNull();
			caller.sendText("[5,\"" + topic + "\"]");
			await().atMost(T).until(() -> this.server.topic(topic).map((t) -> t.size() == 4).orElse(false));
			int rounds = 200;
			ByteArrayOutputStream messages = new ByteArrayOutputStream();
			for (int i = 0; i < rounds; i++) {
				messages.writeBytes(text("[7,\"" + topic + "\",{\"n\":" + i + "}]"));
				messages.writeBytes(text("[2,\"c" + i + "\",\"" + BASE + "calc#echo\"," + i + "]"));
			}
			caller.write(messages.toByteArray());
			for (int i = 0; i < rounds; i++) {
				assertThat(sequenceOf(textOf(caller.readFrame()))).as("event %d", i).isEqualTo(i);
				assertThat(textOf(caller.readFrame())).as("result %d", i).startsWith("[3,\"c" + i + "\",");
			}
		}
		for (RawClient other : others) {
			for (int i = 0; i < 200; i++) {
				assertThat(sequenceOf(other.texts().poll(T.toSeconds(), TimeUnit.SECONDS))).isEqualTo(i);
			}
		}
	}

	private static byte[] text(String message) {
		return FrameSocket.frame(0x80 | FrameSocket.TEXT, message.getBytes(StandardCharsets.UTF_8));
	}

	private static String textOf(FrameSocket.@Nullable Frame frame) {
		assertThat(frame).isNotNull();
		return frame.text();
	}

	@Test
	void aSubscriberThatStoppedReadingIsClosedWith1008WhileTheOthersReceiveEverythingInOrder()
			throws InterruptedException {
		String topic = BASE + "chat/stalled";
		StalledClient slow = StalledClient.connect(uri(), "[5,\"" + topic + "\"]");
		try {
			String slowSession = WampEndpointIntegrationTests.sessionIdOf(slow.welcome());
			List<RawClient> readers = subscribers(topic, 4);
			await().atMost(T).until(() -> this.server.topic(topic).map((t) -> t.size() == 5).orElse(false));
			RawClient publisher = connect();
			String payload = "p".repeat(16 * 1024);
			int published = 0;
			// paced in batches, so a reader never has more than a batch queued
			while (this.connections.find(slowSession).isPresent() && published < 4_000) {
				for (int i = 0; i < 16; i++) {
					publisher.send("[7,\"" + topic + "\",{\"n\":" + (published + i) + ",\"p\":\"" + payload + "\"}]");
				}
				for (RawClient reader : readers) {
					for (int i = 0; i < 16; i++) {
						assertThat(sequenceOf(reader.texts().poll(T.toSeconds(), TimeUnit.SECONDS)))
							.isEqualTo(published + i);
					}
				}
				published += 16;
			}
			assertThat(this.connections.find(slowSession)).isEmpty();
			assertThat(this.events.awaitFor(WampConnectionClosedEvent.class, slowSession).getCode()).isEqualTo(1008);
			assertThat(this.meters.get("wamp.outbound.overflows").tag("policy", "CLOSE").counter().count())
				.isPositive();
			publisher.send("[7,\"" + topic + "\",{\"n\":" + published + "}]");
			for (RawClient reader : readers) {
				assertThat(sequenceOf(reader.texts().poll(T.toSeconds(), TimeUnit.SECONDS))).isEqualTo(published);
				assertThat(reader.closed()).isNotDone();
			}
		}
		finally {
			slow.dispose();
		}
	}

	private List<RawClient> subscribers(String topic, int count) {
		List<RawClient> subscribers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			RawClient subscriber = connect();
			subscriber.send("[5,\"" + topic + "\"]");
			subscribers.add(subscriber);
		}
		await().atMost(T).until(() -> this.server.topic(topic).map((t) -> t.size() >= count).orElse(false));
		return subscribers;
	}

	private RawClient connect() {
		RawClient client = RawClient.connect(uri());
		this.clients.add(client);
		client.next();
		return client;
	}

	private static int sequenceOf(String text) {
		assertThat(text).as("an event").isNotNull();
		Matcher matcher = SEQUENCE.matcher(text);
		assertThat(matcher.find()).as("an event: %s", text.substring(0, Math.min(80, text.length()))).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	private URI uri() {
		return URI.create("ws://localhost:" + this.port + "/ws");
	}

}
