package dev.websocket.server.spring.webflux;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message type a WAMP v2 client may send, malformed in each of its fields, gets its
 * defined answer, and a bystander session notices nothing. The tables are generated from
 * each type's layout: a message of the wrong arity, an id that is 0, negative, above
 * 2<sup>53</sup>, fractional, a float or not a number, a dictionary, list or string that
 * is something else, an unknown type id, a type only a router sends, or a message out of
 * place is ABORT {@code wamp.error.protocol_violation} (details {@code message} naming
 * the field) and a close with 1002. A well-formed request with an invalid topic or
 * procedure URI (by the specification's loose rule; the strict rule is only recommended),
 * or with options of the wrong type, is answered with ERROR
 * ({@code wamp.error.invalid_uri}, {@code wamp.error.invalid_argument}) and the session
 * stays open.
 */
// a context of its own: a paused cached context does not restart its WAMP server
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "websocket.server.protocols.realms=realm1")
class Wamp2ProtocolViolationTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final String SUM = BASE + "calc#sum";

	@RegisterExtension
	final TestSockets sockets = new TestSockets();

	// ---- the layouts

	/** What a field of a message holds. */
	enum Kind {

		/** An id: an integer from 1 to 2^53. */
		ID,
		/** A dictionary. */
		DICT,
		/** A URI (a string, checked as a URI). */
		URI,
		/** A string. */
		STRING,
		/** The optional positional arguments, a list. */
		ARGS,
		/** The optional keyword arguments, a dictionary. */
		KWARGS

	}

	/** One field: its index, its name as the codec names it, its kind. */
	record Field(int index, String name, Kind kind) {
	}

	/**
	 * A client message type: a well-formed example of its longest form, its arity and
	 * fields, and whether it is sent before WELCOME (HELLO) or on an open session.
	 */
	record Layout(String name, String example, int min, List<Field> fields, boolean beforeWelcome) {

		ArrayNode elements() {
			return (ArrayNode) mapper.readTree(this.example);
		}

	}

	static List<Layout> layouts() {
		return List.of(
				new Layout("HELLO", "[1, \"realm1\", {}]", 3,
						List.of(new Field(1, "Realm", Kind.URI), new Field(2, "Details", Kind.DICT)), true),
				new Layout("ABORT", "[3, {}, \"wamp.close.normal\"]", 3,
						List.of(new Field(1, "Details", Kind.DICT), new Field(2, "Reason", Kind.URI)), false),
				new Layout("AUTHENTICATE", "[5, \"signature\", {}]", 3,
						List.of(new Field(1, "Signature", Kind.STRING), new Field(2, "Extra", Kind.DICT)), false),
				new Layout("GOODBYE", "[6, {}, \"wamp.close.normal\"]", 3,
						List.of(new Field(1, "Details", Kind.DICT), new Field(2, "Reason", Kind.URI)), false),
				new Layout("ERROR", "[8, 68, 1, {}, \"com.example.error\", [], {}]", 5,
						List.of(new Field(2, "Request", Kind.ID), new Field(3, "Details", Kind.DICT),
								new Field(4, "Error", Kind.URI), new Field(5, "Arguments", Kind.ARGS),
								new Field(6, "ArgumentsKw", Kind.KWARGS)),
						false),
				new Layout("PUBLISH", "[16, 1, {}, \"com.example.topic\", [], {}]", 4,
						List.of(new Field(1, "Request", Kind.ID), new Field(2, "Options", Kind.DICT),
								new Field(3, "Topic", Kind.STRING), new Field(4, "Arguments", Kind.ARGS),
								new Field(5, "ArgumentsKw", Kind.KWARGS)),
						false),
				new Layout("SUBSCRIBE", "[32, 1, {}, \"com.example.topic\"]", 4,
						List.of(new Field(1, "Request", Kind.ID), new Field(2, "Options", Kind.DICT),
								new Field(3, "Topic", Kind.STRING)),
						false),
				new Layout("UNSUBSCRIBE", "[34, 1, 2]", 3,
						List.of(new Field(1, "Request", Kind.ID), new Field(2, "Subscription", Kind.ID)), false),
				new Layout("CALL", "[48, 1, {}, \"com.example.procedure\", [], {}]", 4,
						List.of(new Field(1, "Request", Kind.ID), new Field(2, "Options", Kind.DICT),
								new Field(3, "Procedure", Kind.STRING), new Field(4, "Arguments", Kind.ARGS),
								new Field(5, "ArgumentsKw", Kind.KWARGS)),
						false),
				new Layout("CANCEL", "[49, 1, {}]", 3,
						List.of(new Field(1, "Request", Kind.ID), new Field(2, "Options", Kind.DICT)), false),
				new Layout("REGISTER", "[64, 1, {}, \"com.example.procedure\"]", 4,
						List.of(new Field(1, "Request", Kind.ID), new Field(2, "Options", Kind.DICT),
								new Field(3, "Procedure", Kind.STRING)),
						false),
				new Layout("UNREGISTER", "[66, 1, 2]", 3,
						List.of(new Field(1, "Request", Kind.ID), new Field(2, "Registration", Kind.ID)), false),
				new Layout("YIELD", "[70, 1, {}, [], {}]", 3,
						List.of(new Field(1, "Request", Kind.ID), new Field(2, "Options", Kind.DICT),
								new Field(3, "Arguments", Kind.ARGS), new Field(4, "ArgumentsKw", Kind.KWARGS)),
						false));
	}

	/** Wrong values of a kind, in JSON, with the end of the violation's message. */
	private static List<String[]> wrongValues(Kind kind) {
		String notAnId = "must be an integer id";
		String outOfRange = "must be between 1 and 2^53";
		return switch (kind) {
			case ID -> List.of(new String[] { "0", outOfRange }, new String[] { "-1", outOfRange },
					new String[] { "9007199254740993", outOfRange }, new String[] { "1.5", notAnId },
					new String[] { "1.0", notAnId }, new String[] { "1e3", notAnId }, new String[] { "\"1\"", notAnId },
					new String[] { "null", notAnId }, new String[] { "[]", notAnId }, new String[] { "true", notAnId },
					new String[] { "18446744073709551617", notAnId });
			case DICT ->
				List.of(new String[] { "[]", "must be a dictionary" }, new String[] { "\"x\"", "must be a dictionary" },
						new String[] { "1", "must be a dictionary" }, new String[] { "null", "must be a dictionary" });
			case URI -> List.of(new String[] { "7", "must be a string" }, new String[] { "null", "must be a string" },
					new String[] { "[]", "must be a string" }, new String[] { "{}", "must be a string" },
					new String[] { "\"\"", "is empty" }, new String[] { "\"a b\"", "contains whitespace" },
					new String[] { "\"a\\tb\"", "contains whitespace" });
			case STRING ->
				List.of(new String[] { "7", "must be a string" }, new String[] { "null", "must be a string" },
						new String[] { "[]", "must be a string" }, new String[] { "{}", "must be a string" });
			case ARGS -> List.of(new String[] { "{}", "Arguments must be a list" },
					new String[] { "\"a\"", "Arguments must be a list" },
					new String[] { "1", "Arguments must be a list" },
					new String[] { "null", "Arguments must be a list" });
			case KWARGS -> List.of(new String[] { "[]", "ArgumentsKw must be a dictionary" },
					new String[] { "\"a\"", "ArgumentsKw must be a dictionary" },
					new String[] { "1", "ArgumentsKw must be a dictionary" },
					new String[] { "null", "ArgumentsKw must be a dictionary" });
		};
	}

	/**
	 * Every malformed variant of every client message: arity, then each field with each
	 * wrong value of its kind.
	 */
	static Stream<Arguments> malformed() {
		List<Arguments> cases = new ArrayList<>();
		for (Layout layout : layouts()) {
			ArrayNode example = layout.elements();
			ArrayNode tooFew = mapper.createArrayNode();
			for (int i = 0; i < layout.min() - 1; i++) {
				tooFew.add(example.get(i));
			}
			cases.add(Arguments.of(layout.name() + " too few elements", layout.beforeWelcome(), tooFew.toString(),
					layout.name() + ": too few elements"));
			ArrayNode tooMany = example.deepCopy().add(1);
			cases.add(Arguments.of(layout.name() + " too many elements", layout.beforeWelcome(), tooMany.toString(),
					layout.name() + ": too many elements"));
			for (Field field : layout.fields()) {
				for (String[] wrong : wrongValues(field.kind())) {
					ArrayNode message = example.deepCopy();
					message.set(field.index(), mapper.readTree(wrong[0]));
					String expected = switch (field.kind()) {
						case ARGS, KWARGS -> layout.name() + ": " + wrong[1];
						default -> layout.name() + ": " + field.name() + " " + wrong[1];
					};
					cases.add(Arguments.of(layout.name() + " " + field.name() + " " + wrong[0], layout.beforeWelcome(),
							message.toString(), expected));
				}
			}
		}
		// the ERROR a client sends answers an INVOCATION, and nothing else
		cases.add(Arguments.of("ERROR for a CALL", false, "[8, 48, 1, {}, \"wamp.error.x\"]",
				"ERROR: a client sends ERROR only for an INVOCATION"));
		cases.add(Arguments.of("ERROR request type not an integer", false, "[8, \"68\", 1, {}, \"wamp.error.x\"]",
				"ERROR: REQUEST.Type must be an integer"));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformed")
	void aMalformedMessageIsAProtocolViolationNamingIt(String what, boolean beforeWelcome, String frame,
			String reason) {
		RawWamp2Client bystander = this.sockets.join();
		RawWamp2Client client = beforeWelcome ? this.sockets.connect() : this.sockets.join();
		client.sendText(frame);
		assertAborted(client, reason);
		assertStillWorks(bystander);
	}

	/**
	 * Frames that are not a message, unknown or router-only types, and messages out of
	 * place.
	 */
	static Stream<Arguments> notAMessage() {
		List<Arguments> cases = new ArrayList<>(List.of(Arguments.of("not JSON", "[48, 1, {}", "not JSON"),
				Arguments.of("trailing text", "[48, 1, {}, \"p\"] x", "not JSON"),
				Arguments.of("not an array", "{\"a\":1}", "not an array"),
				Arguments.of("a number", "48", "not an array"), Arguments.of("empty array", "[]", "empty array"),
				Arguments.of("type id a string", "[\"48\", 1, {}, \"p\"]", "type id is not an integer"),
				Arguments.of("type id a float", "[48.0, 1, {}, \"p\"]", "type id is not an integer"),
				Arguments.of("type id beyond an int", "[4294967344, 1, {}, \"p\"]", "type id is not an integer"),
				Arguments.of("HELLO on an open session", "[1, \"realm1\", {}]", "HELLO on an open session"), Arguments
					.of("AUTHENTICATE on an open session", "[5, \"sig\", {}]", "AUTHENTICATE on an open session")));
		for (int type : new int[] { 0, 7, 9, 15, 99, 255, -1 }) {
			cases.add(Arguments.of("unknown type id " + type, "[" + type + ", 1]", "unknown type id " + type));
		}
		// what only a router sends, each well-formed
		Map<String, String> routerOnly = Map.ofEntries(Map.entry("WELCOME", "[2, 1, {}]"),
				Map.entry("CHALLENGE", "[4, \"ticket\", {}]"), Map.entry("PUBLISHED", "[17, 1, 2]"),
				Map.entry("SUBSCRIBED", "[33, 1, 2]"), Map.entry("UNSUBSCRIBED", "[35, 1]"),
				Map.entry("EVENT", "[36, 1, 2, {}]"), Map.entry("RESULT", "[50, 1, {}]"),
				Map.entry("REGISTERED", "[65, 1, 2]"), Map.entry("UNREGISTERED", "[67, 1]"),
				Map.entry("INVOCATION", "[68, 1, 2, {}]"), Map.entry("INTERRUPT", "[69, 1, {}]"));
		routerOnly.forEach((name, frame) -> {
			String type = frame.substring(1, frame.indexOf(','));
			cases.add(Arguments.of("router-only " + name, frame, "type id " + type + " is sent by routers only"));
		});
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("notAMessage")
	void aFrameThatIsNotAClientMessageIsAProtocolViolation(String what, String frame, String reason) {
		RawWamp2Client bystander = this.sockets.join();
		RawWamp2Client client = this.sockets.join();
		client.sendText(frame);
		assertAborted(client, reason);
		assertStillWorks(bystander);
	}

	/**
	 * Well-formed requests that the router answers with ERROR, the session staying open.
	 */
	static Stream<Arguments> answeredWithError() {
		String longUri = "a".repeat(2049);
		List<Arguments> cases = new ArrayList<>();
		// invalid URIs, by the loose rule: empty, whitespace, an empty component, too
		// long
		for (String bad : List.of("", "a b", "a\tb", "a..b", ".a", "a.", longUri)) {
			String uri = mapper.writeValueAsString(bad);
			String label = bad.length() > 20 ? "2049 characters" : "'" + bad + "'";
			cases.add(Arguments.of("CALL procedure " + label, "[48, 5, {}, " + uri + ", [1]]", 48,
					"wamp.error.invalid_uri"));
			cases.add(Arguments.of("REGISTER procedure " + label, "[64, 5, {}, " + uri + "]", 64,
					"wamp.error.invalid_uri"));
			cases.add(
					Arguments.of("SUBSCRIBE topic " + label, "[32, 5, {}, " + uri + "]", 32, "wamp.error.invalid_uri"));
			cases.add(Arguments.of("acknowledged PUBLISH topic " + label,
					"[16, 5, {\"acknowledge\": true}, " + uri + ", [1]]", 16, "wamp.error.invalid_uri"));
		}
		// a pattern allows empty components, not whitespace
		cases.add(Arguments.of("SUBSCRIBE wildcard with whitespace", "[32, 5, {\"match\": \"wildcard\"}, \"a. .b\"]",
				32, "wamp.error.invalid_uri"));
		// wamp. names the protocol's own procedures and topics
		cases.add(Arguments.of("REGISTER under wamp.", "[64, 5, {}, \"wamp.my.procedure\"]", 64,
				"wamp.error.invalid_uri"));
		cases.add(Arguments.of("acknowledged PUBLISH to a meta topic",
				"[16, 5, {\"acknowledge\": true}, \"wamp.session.on_join\", [{}]]", 16, "wamp.error.invalid_uri"));
		// options of the wrong type
		cases.add(Arguments.of("CALL timeout not a number", "[48, 5, {\"timeout\": \"soon\"}, \"" + SUM + "\"]", 48,
				"wamp.error.invalid_argument"));
		cases.add(Arguments.of("CALL timeout negative", "[48, 5, {\"timeout\": -1}, \"" + SUM + "\"]", 48,
				"wamp.error.invalid_argument"));
		cases.add(Arguments.of("CALL receive_progress not a boolean",
				"[48, 5, {\"receive_progress\": 1}, \"" + SUM + "\"]", 48, "wamp.error.invalid_argument"));
		cases.add(Arguments.of("SUBSCRIBE unknown match policy", "[32, 5, {\"match\": \"regex\"}, \"a.b\"]", 32,
				"wamp.error.invalid_argument"));
		cases.add(Arguments.of("SUBSCRIBE match not a string", "[32, 5, {\"match\": 1}, \"a.b\"]", 32,
				"wamp.error.invalid_argument"));
		cases.add(Arguments.of("REGISTER match prefix (not offered)", "[64, 5, {\"match\": \"prefix\"}, \"a.b\"]", 64,
				"wamp.error.invalid_argument"));
		cases.add(Arguments.of("acknowledged PUBLISH exclude not a list",
				"[16, 5, {\"acknowledge\": true, \"exclude\": 1}, \"" + BASE + "chat/x\"]", 16,
				"wamp.error.invalid_argument"));
		cases.add(Arguments.of("acknowledged PUBLISH eligible with a fraction",
				"[16, 5, {\"acknowledge\": true, \"eligible\": [1.5]}, \"" + BASE + "chat/x\"]", 16,
				"wamp.error.invalid_argument"));
		cases.add(Arguments.of("acknowledged PUBLISH exclude_me not a boolean",
				"[16, 5, {\"acknowledge\": true, \"exclude_me\": \"no\"}, \"" + BASE + "chat/x\"]", 16,
				"wamp.error.invalid_argument"));
		cases.add(Arguments.of("acknowledged PUBLISH exclude_authid not strings",
				"[16, 5, {\"acknowledge\": true, \"exclude_authid\": [1]}, \"" + BASE + "chat/x\"]", 16,
				"wamp.error.invalid_argument"));
		cases.add(Arguments.of("PUBLISH acknowledge not a boolean",
				"[16, 5, {\"acknowledge\": \"yes\"}, \"" + BASE + "chat/x\"]", 16, "wamp.error.invalid_argument"));
		// ids that are well-formed but name nothing
		cases.add(Arguments.of("UNSUBSCRIBE of no subscription", "[34, 5, 12345]", 34,
				"wamp.error.no_such_subscription"));
		cases.add(
				Arguments.of("UNREGISTER of no registration", "[66, 5, 12345]", 66, "wamp.error.no_such_registration"));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("answeredWithError")
	void anInvalidRequestIsAnsweredWithErrorAndTheSessionStaysOpen(String what, String frame, int requestType,
			String error) {
		RawWamp2Client bystander = this.sockets.join();
		RawWamp2Client client = this.sockets.join();
		client.sendText(frame);
		JsonNode answer = client.next();
		assertThat(answer.get(0).asInt()).as("ERROR: " + answer).isEqualTo(8);
		assertThat(answer.get(1).asInt()).isEqualTo(requestType);
		assertThat(answer.get(2).asLong()).isEqualTo(5);
		assertThat(answer.get(4).asString()).isEqualTo(error);
		assertStillWorks(client);
		assertStillWorks(bystander);
	}

	/** What a PUBLISH without {@code acknowledge} cannot be told: it is dropped. */
	static Stream<Arguments> droppedSilently() {
		return Stream.of(Arguments.of("topic with whitespace", "[16, 5, {}, \"a b\", [1]]"),
				Arguments.of("empty topic", "[16, 5, {}, \"\"]"),
				Arguments.of("topic under wamp.", "[16, 5, {}, \"wamp.session.on_leave\", [1, \"x\", \"y\"]]"),
				Arguments.of("exclude not a list", "[16, 5, {\"exclude\": 1}, \"" + BASE + "chat/x\"]"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("droppedSilently")
	void anInvalidUnacknowledgedPublishIsDroppedWithoutAnAnswer(String what, String frame) {
		RawWamp2Client client = this.sockets.join();
		client.sendText(frame);
		// messages of one session are handled in order: the RESULT is the next message
		assertStillWorks(client);
	}

	/**
	 * URIs the strict rule would refuse (it is only recommended) and WAMP v1 URIs:
	 * accepted; the CALL reaches routing (a result, or no_such_procedure).
	 */
	static Stream<Arguments> looseButValid() {
		return Stream.of(Arguments.of("upper case and a hyphen", "com.Example.Proc-1", "wamp.error.no_such_procedure"),
				Arguments.of("non-ASCII", "com.exämple.proc", "wamp.error.no_such_procedure"),
				Arguments.of("a v1 URI with # and :", SUM, null),
				Arguments.of("a v1 CURIE-like name", "calc:sum", "wamp.error.no_such_procedure"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("looseButValid")
	void aLooseButValidUriIsAccepted(String what, String procedure, String error) {
		RawWamp2Client client = this.sockets.join();
		client.send(48, 6, Map.of(), procedure, List.of(2, 3));
		JsonNode answer = client.next();
		if (error == null) {
			assertThat(answer.toString()).isEqualTo("[50,6,{},[5]]");
		}
		else {
			assertThat(answer.get(0).asInt()).isEqualTo(8);
			assertThat(answer.get(4).asString()).isEqualTo(error);
		}
	}

	@Test
	void anyMessageBeforeHelloIsAProtocolViolation() {
		RawWamp2Client client = this.sockets.connect();
		client.send(48, 1, Map.of(), SUM, List.of(1));
		assertAborted(client, "CALL before WELCOME");
	}

	@Test
	void binaryFrameOnAJsonSessionIsAProtocolViolation() {
		RawWamp2Client client = this.sockets.join();
		client.sendBinary(new byte[] { (byte) 0x82, 1, 2 });
		assertAborted(client, "binary frame on a wamp.2.json session");
	}

	@Test
	void aViolationLeavesOtherSessionsUntouched() {
		RawWamp2Client bystander = this.sockets.join();
		RawWamp2Client offender = this.sockets.join();
		offender.sendText("[16, \"bad\"]");
		Wamp2EndpointIntegrationTests.assertClosedWithProtocolViolation(offender);
		assertStillWorks(bystander);
	}

	private static void assertAborted(RawWamp2Client client, String reason) {
		JsonNode abort = client.next(3);
		assertThat(abort.get(2).asString()).isEqualTo("wamp.error.protocol_violation");
		assertThat(abort.get(1).get("message").asString()).isEqualTo(reason);
		assertThat(client.awaitClose().code()).isEqualTo(1002);
	}

	private static void assertStillWorks(RawWamp2Client client) {
		client.send(48, 3, Map.of(), SUM, List.of(2, 3));
		assertThat(client.next().toString()).isEqualTo("[50,3,{},[5]]");
	}

}
