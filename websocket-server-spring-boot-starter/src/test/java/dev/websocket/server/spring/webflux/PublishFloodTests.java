package dev.websocket.server.spring.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.websocket.server.testing.leak.SampledLeakDetection;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client publishing as fast as it can must not get the room's readers closed (issue
 * 9, defect 4): the PUBLISH budget of the publisher refuses the excess before it is
 * fanned out. Real server, real sockets, the default limits.
 */
// the policy is the default, stated so that this class gets a server of its own: a cached
// context shared with a class that stops its server would refuse the handshakes
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "websocket.server.limits.publish-policy=drop")
@SampledLeakDetection("paranoid detection records a stack trace at each access of each of the 200 readers' event "
		+ "frames: the writes slow down so much that the events the budget lets through overflow the readers' queues")
class PublishFloodTests {

	private static final String ROOM = BASE + "chat/flood";

	private static final String MARKER = "[8,\"" + ROOM + "\",\"marker\"]";

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<RawClient> clients = new ArrayList<>();

	@AfterEach
	void abortClients() {
		this.clients.forEach(RawClient::abort);
	}

	@Test
	void anUnpacedFloodOf50000PublishesLeavesEveryReadingSubscriberConnected() throws InterruptedException {
		List<RawClient> readers = subscribers(200);
		RawClient flooder = connect();
		for (int i = 0; i < 50_000; i++) {
			flooder.send("[7,\"" + ROOM + "\",{\"n\":" + i + "}]");
		}
		// a connection's messages are handled in order: once this is answered, so is the
		// flood
		flooder.send("[2,\"after\",\"" + BASE + "calc#sum\",1]");
		assertThat(flooder.texts().poll(60, TimeUnit.SECONDS)).as("the answer after the flood")
			.isEqualTo("[3,\"after\",1]");
		connect().send("[7,\"" + ROOM + "\",\"marker\"]");
		long delivered = -1;
		for (RawClient reader : readers) {
			long events = 0;
			String text;
			while ((text = reader.texts().poll(30, TimeUnit.SECONDS)) != null && !text.equals(MARKER)) {
				events++;
			}
			assertThat(text)
				.as("the marker, after %d events; the reader's close: %s", events, reader.closed().getNow(null))
				.isEqualTo(MARKER);
			assertThat(reader.closed()).as("a reader closed by the flood").isNotDone();
			assertThat(events).as("events before the marker, the same for every reader")
				.isEqualTo((delivered == -1) ? events : delivered);
			delivered = events;
		}
		assertThat(flooder.closed()).as("the publisher, with policy drop").isNotDone();
		double refused = this.meters.get("wamp.messages.ignored").tag("reason", "OVER_BUDGET").counter().count();
		assertThat(refused).isPositive().isEqualTo(50_000 - delivered);
	}

	/** Subscribers that keep reading, each with its WELCOME read and its SUBSCRIBE in. */
	private List<RawClient> subscribers(int count) {
		List<RawClient> readers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			RawClient reader = connect();
			reader.send("[5,\"" + ROOM + "\"]");
			readers.add(reader);
		}
		return readers;
	}

	private RawClient connect() {
		RawClient client = RawClient.connect(this.http, URI.create("ws://localhost:" + this.port + "/ws"), Map.of(),
				List.of("wamp"), true);
		this.clients.add(client);
		assertThat(client.next()).startsWith("[0,");
		return client;
	}

}
