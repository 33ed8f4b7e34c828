package dev.websocket.server.spring.webflux;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message type a WAMP v2 client may send, malformed, gets ABORT
 * {@code wamp.error.protocol_violation} and a close with 1002, and no other session
 * notices; so do messages out of place.
 */
// a context of its own: a paused cached context does not restart its WAMP server
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "websocket.server.protocols.realms=realm1")
class Wamp2ProtocolViolationTests {

	@LocalServerPort
	int port;

	private URI uri() {
		return URI.create("ws://localhost:" + this.port + "/ws");
	}

	static Stream<Arguments> malformedAfterWelcome() {
		return Stream.of(Arguments.of("not JSON", "[48, 1, {}"), Arguments.of("not an array", "{\"a\":1}"),
				Arguments.of("empty array", "[]"), Arguments.of("type id not an integer", "[\"48\", 1, {}, \"p\"]"),
				Arguments.of("unknown type id", "[99, 1]"), Arguments.of("router-only type (EVENT)", "[36, 1, 2, {}]"),
				Arguments.of("router-only type (RESULT)", "[50, 1, {}]"),
				Arguments.of("HELLO on an open session", "[1, \"realm1\", {}]"),
				Arguments.of("GOODBYE details not a dict", "[6, [], \"wamp.close.normal\"]"),
				Arguments.of("GOODBYE reason missing", "[6, {}]"),
				Arguments.of("ABORT reason not a string", "[3, {}, 5]"),
				Arguments.of("AUTHENTICATE on an open session", "[5, \"sig\", {}]"),
				Arguments.of("AUTHENTICATE signature not a string", "[5, 1, {}]"),
				Arguments.of("ERROR for a CALL", "[8, 48, 1, {}, \"wamp.error.x\"]"),
				Arguments.of("ERROR request id not an id", "[8, 68, \"1\", {}, \"wamp.error.x\"]"),
				Arguments.of("ERROR without an error URI", "[8, 68, 1, {}]"),
				Arguments.of("PUBLISH request id zero", "[16, 0, {}, \"t\"]"),
				Arguments.of("PUBLISH request id above 2^53", "[16, 9007199254740993, {}, \"t\"]"),
				Arguments.of("PUBLISH request id fractional", "[16, 1.5, {}, \"t\"]"),
				Arguments.of("PUBLISH options not a dict", "[16, 1, [], \"t\"]"),
				Arguments.of("PUBLISH topic empty", "[16, 1, {}, \"\"]"),
				Arguments.of("PUBLISH topic with whitespace", "[16, 1, {}, \"a b\"]"),
				Arguments.of("PUBLISH arguments not a list", "[16, 1, {}, \"t\", {}]"),
				Arguments.of("PUBLISH kwargs not a dict", "[16, 1, {}, \"t\", [], []]"),
				Arguments.of("PUBLISH too many elements", "[16, 1, {}, \"t\", [], {}, 1]"),
				Arguments.of("SUBSCRIBE topic missing", "[32, 1, {}]"),
				Arguments.of("SUBSCRIBE topic not a string", "[32, 1, {}, 7]"),
				Arguments.of("SUBSCRIBE too many elements", "[32, 1, {}, \"t\", []]"),
				Arguments.of("UNSUBSCRIBE subscription not an id", "[34, 1, \"s\"]"),
				Arguments.of("UNSUBSCRIBE subscription missing", "[34, 1]"),
				Arguments.of("CALL options not a dict", "[48, 1, null, \"p\"]"),
				Arguments.of("CALL procedure missing", "[48, 1, {}]"),
				Arguments.of("CALL arguments not a list", "[48, 1, {}, \"p\", \"a\"]"),
				Arguments.of("CALL kwargs not a dict", "[48, 1, {}, \"p\", [], 1]"),
				Arguments.of("CANCEL options missing", "[49, 1]"),
				Arguments.of("REGISTER procedure not a string", "[64, 1, {}, []]"),
				Arguments.of("UNREGISTER registration negative", "[66, 1, -4]"),
				Arguments.of("YIELD options not a dict", "[70, 1, 2]"),
				Arguments.of("YIELD arguments not a list", "[70, 1, {}, {}]"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedAfterWelcome")
	void malformedMessageOnAnOpenSessionIsAProtocolViolation(String what, String frame) {
		RawWamp2Client client = RawWamp2Client.join(uri());
		client.sendText(frame);
		Wamp2EndpointIntegrationTests.assertClosedWithProtocolViolation(client);
	}

	static Stream<Arguments> malformedHello() {
		return Stream.of(Arguments.of("realm not a string", "[1, 1, {}]"),
				Arguments.of("details not a dict", "[1, \"realm1\", []]"),
				Arguments.of("details missing", "[1, \"realm1\"]"), Arguments.of("realm empty", "[1, \"\", {}]"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedHello")
	void malformedHelloIsAProtocolViolation(String what, String frame) {
		RawWamp2Client client = RawWamp2Client.connect(uri());
		client.sendText(frame);
		Wamp2EndpointIntegrationTests.assertClosedWithProtocolViolation(client);
	}

	@Test
	void anyMessageBeforeHelloIsAProtocolViolation() {
		RawWamp2Client client = RawWamp2Client.connect(uri());
		client.send(48, 1, Map.of(), BASE + "calc#sum", List.of(1));
		Wamp2EndpointIntegrationTests.assertClosedWithProtocolViolation(client);
	}

	@Test
	void binaryFrameOnAJsonSessionIsAProtocolViolation() {
		RawWamp2Client client = RawWamp2Client.join(uri());
		client.sendBinary(new byte[] { (byte) 0x82, 1, 2 });
		Wamp2EndpointIntegrationTests.assertClosedWithProtocolViolation(client);
	}

	@Test
	void aViolationLeavesOtherSessionsUntouched() {
		RawWamp2Client bystander = RawWamp2Client.join(uri());
		RawWamp2Client offender = RawWamp2Client.join(uri());
		try {
			offender.sendText("[16, \"bad\"]");
			Wamp2EndpointIntegrationTests.assertClosedWithProtocolViolation(offender);
			bystander.send(48, 3, Map.of(), BASE + "calc#sum", List.of(2, 3));
			JsonNode result = bystander.next();
			assertThat(result.toString()).isEqualTo("[50,3,{},[5]]");
		}
		finally {
			bystander.close();
		}
	}

	@Test
	void abortReasonNamesTheViolation() {
		RawWamp2Client client = RawWamp2Client.join(uri());
		client.sendText("[32, 1, {}, 7]");
		JsonNode abort = client.next(3);
		assertThat(abort.get(1).get("message").asString()).isEqualTo("SUBSCRIBE: Topic must be a string");
		assertThat(client.awaitClose().code()).isEqualTo(1002);
	}

}
