package dev.websocket.server.spring.webflux;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.websocket.server.connection.CloseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * WAMP v2 over {@code wamp.2.cbor}, on by default: binary frames both ways, the same
 * routes and topics as JSON sessions (a JSON publisher reaches a CBOR subscriber), and
 * the defined answers to frames of the wrong kind and to CBOR that is not a message:
 * ABORT {@code wamp.error.protocol_violation} in the session's own serialization, then
 * close 1002, with other sessions unaffected.
 */
// a context of its own: a paused cached context does not restart its WAMP server
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "websocket.server.protocols.realms=realm1")
class Wamp2CborIntegrationTests {

	private static final String CBOR = RawWamp2Client.CBOR;

	@RegisterExtension
	final TestSockets sockets = new TestSockets();

	@Test
	void cborIsNegotiatedByDefaultWhenTheClientPrefersIt() {
		RawClient client = RawClient.connect(this.sockets.uri(), Map.of(),
				List.of("wamp.2.cbor", "wamp.2.json", "wamp"), true);
		try {
			assertThat(client.subprotocol()).isEqualTo("wamp.2.cbor");
		}
		finally {
			client.abort();
		}
	}

	@Test
	void helloOverCborIsAnsweredWithWelcomeInABinaryFrame() throws InterruptedException {
		RawWamp2Client client = this.sockets.connect(CBOR);
		JsonNode welcome = client.welcome();
		assertThat(welcome.get(1).isIntegralNumber()).isTrue();
		assertThat(welcome.get(1).asLong()).isBetween(1L, (1L << 53) - 1);
		assertThat(welcome.get(2).get("realm").asString()).isEqualTo("realm1");
		assertThat(client.hasTextWithin(Duration.ofMillis(200))).as("no text frame on a CBOR session").isFalse();
	}

	@Test
	void callOverCborIsAnsweredWithResult() {
		RawWamp2Client client = this.sockets.join(CBOR);
		client.send(48, 7, Map.of(), BASE + "calc#sum", List.of(1, 2, 3));
		assertThat(client.next().toString()).isEqualTo("[50,7,{},[6]]");
	}

	@Test
	void numbersComeBackInTheirPlainForm() {
		RawWamp2Client client = this.sockets.join(CBOR);
		client.send(48, 8, Map.of(), BASE + "calc#echo", List.of(BigInteger.valueOf(5), 1L << 40, 0.5));
		JsonNode result = client.next();
		assertThat(result.toString()).isEqualTo("[50,8,{},[[5,1099511627776,0.5]]]");
		assertThat(result.get(3).get(0).get(0).isBigInteger()).as("no bignum for 5").isFalse();
	}

	@Test
	void aJsonPublisherReachesACborSubscriber() {
		RawWamp2Client subscriber = this.sockets.join(CBOR);
		RawWamp2Client publisher = this.sockets.join(RawWamp2Client.JSON);
		subscriber.send(32, 1, Map.of(), BASE + "chat/cbor");
		long subscription = subscriber.next(33).get(2).asLong();
		publisher.send(16, 2, Map.of("acknowledge", true), BASE + "chat/cbor", List.of("hi"), Map.of("k", 1));
		assertThat(publisher.next(17).get(1).asLong()).isEqualTo(2);
		JsonNode event = subscriber.next(36);
		assertThat(event.get(1).asLong()).isEqualTo(subscription);
		assertThat(event.get(4).toString()).isEqualTo("[\"hi\"]");
		assertThat(event.get(5).toString()).isEqualTo("{\"k\":1}");
	}

	@Test
	void aTextFrameOnACborSessionIsAProtocolViolationAbortedInCbor() {
		RawWamp2Client bystander = this.sockets.join(CBOR);
		RawWamp2Client client = this.sockets.join(CBOR);
		client.sendText("[48, 1, {}, \"" + BASE + "calc#sum\", [1]]");
		JsonNode abort = client.next(3);
		assertThat(abort.get(2).asString()).isEqualTo("wamp.error.protocol_violation");
		assertThat(abort.get(1).get("message").asString()).isEqualTo("text frame on a wamp.2.cbor session");
		assertThat(client.awaitClose().code()).isEqualTo(1002);
		assertStillWorks(bystander);
	}

	@Test
	void aBinaryFrameOnAJsonSessionIsAProtocolViolationAbortedInJson() {
		RawWamp2Client bystander = this.sockets.join(CBOR);
		RawWamp2Client client = this.sockets.join(RawWamp2Client.JSON);
		client.sendBinary(HexFormat.of().parseHex("831830" + "01a0"));
		JsonNode abort = client.next(3);
		assertThat(abort.get(2).asString()).isEqualTo("wamp.error.protocol_violation");
		assertThat(abort.get(1).get("message").asString()).isEqualTo("binary frame on a wamp.2.json session");
		assertThat(client.awaitClose().code()).isEqualTo(1002);
		assertStillWorks(bystander);
	}

	@Test
	void aByteStringWhereAUriBelongsIsAProtocolViolation() {
		// [32, 1, {}, h'612e62']
		assertViolation("841820 01 a0 43612e62", "SUBSCRIBE: Topic must be a string");
	}

	@Test
	void undefinedWhereAUriBelongsIsAProtocolViolation() {
		// [48, 1, {}, undefined]
		assertViolation("841830 01 a0 f7", "CALL: Procedure must be a string");
	}

	@Test
	void aTaggedStringIsTheString() {
		RawWamp2Client client = this.sockets.join(CBOR);
		// [48, 9, {}, 32("http://example.com/calc#sum"), [2, 3]]: tag 32 (URI) is ignored
		String procedure = HexFormat.of().formatHex((BASE + "calc#sum").getBytes());
		client
			.sendBinary(HexFormat.of().parseHex(("851830 09 a0 d820 781b" + procedure + "82 02 03").replace(" ", "")));
		assertThat(client.next().toString()).isEqualTo("[50,9,{},[5]]");
	}

	@Test
	void notCborIsAProtocolViolation() {
		assertViolation("85 1830 09", "not CBOR");
	}

	private void assertViolation(String hex, String reason) {
		RawWamp2Client bystander = this.sockets.join(CBOR);
		RawWamp2Client client = this.sockets.join(CBOR);
		client.sendBinary(HexFormat.of().parseHex(hex.replace(" ", "")));
		JsonNode abort = client.next(3);
		assertThat(abort.get(2).asString()).isEqualTo("wamp.error.protocol_violation");
		assertThat(abort.get(1).get("message").asString()).isEqualTo(reason);
		CloseStatus status = client.awaitClose();
		assertThat(status.code()).isEqualTo(1002);
		assertStillWorks(bystander);
	}

	private static void assertStillWorks(RawWamp2Client bystander) {
		bystander.send(48, 3, Map.of(), BASE + "calc#sum", List.of(2, 3));
		assertThat(bystander.next(50).toString()).isEqualTo("[50,3,{},[5]]");
	}

}
