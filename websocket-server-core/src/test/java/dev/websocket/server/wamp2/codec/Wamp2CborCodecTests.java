package dev.websocket.server.wamp2.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.websocket.server.wamp2.message.Wamp2Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code wamp.2.cbor} as {@link Wamp2Codec#cbor(int)} reads and writes it: every message
 * a client sends survives a round trip, integers take their smallest width, numbers that
 * Jackson would tag (bignum, decimal fraction) are written as a JSON client would read
 * them, and what is not a valid message (a byte string, {@code undefined} or a float
 * where the layout wants a string or an id) is a {@link Wamp2ProtocolException}. Frames
 * are compared byte for byte with their RFC 8949 encoding, written out by hand.
 */
class Wamp2CborCodecTests {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private final Wamp2Codec codec = Wamp2Codec.cbor(2048);

	static Stream<Arguments> clientMessages() {
		ObjectNode options = nodes.objectNode().put("acknowledge", true).put("timeout", 5_000_000_000L);
		options.putArray("exclude").add(Wamp2Message.MAX_ID);
		ObjectNode details = nodes.objectNode();
		details.putObject("roles").putObject("caller");
		List<JsonNode> arguments = List.of(nodes.numberNode(1), nodes.stringNode("x"), nodes.numberNode(-2.5),
				nodes.booleanNode(true), nodes.nullNode(), nodes.arrayNode().add(1));
		Map<String, JsonNode> kwargs = Map.of("k", nodes.stringNode("v"));
		return Stream.of(Arguments.of(new Wamp2Message.Hello("realm1", details)),
				Arguments.of(new Wamp2Message.Abort(Map.of(), "wamp.close.normal")),
				Arguments.of(new Wamp2Message.Authenticate("signature", nodes.objectNode())),
				Arguments.of(new Wamp2Message.Goodbye(Map.of("message", nodes.stringNode("bye")), "wamp.close.normal")),
				Arguments.of(new Wamp2Message.Error(Wamp2Message.INVOCATION, 7, Map.of(), "com.example.error",
						arguments, kwargs)),
				Arguments
					.of(new Wamp2Message.Publish(Wamp2Message.MAX_ID, options, "com.example.topic", arguments, kwargs)),
				Arguments.of(new Wamp2Message.Publish(1, nodes.objectNode(), "t", List.of(), Map.of())),
				Arguments.of(new Wamp2Message.Subscribe(2, nodes.objectNode().put("match", "prefix"), "com.example")),
				Arguments.of(new Wamp2Message.Unsubscribe(3, (1L << 53) - 1)),
				Arguments.of(new Wamp2Message.Call(4, options, "com.example.add", arguments, Map.of())),
				Arguments.of(new Wamp2Message.Cancel(5, nodes.objectNode().put("mode", "kill"))),
				Arguments.of(new Wamp2Message.Register(6, nodes.objectNode(), "com.example.add")),
				Arguments.of(new Wamp2Message.Unregister(7, 1L << 40)),
				Arguments.of(new Wamp2Message.Yield(8, nodes.objectNode().put("progress", true), arguments, kwargs)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clientMessages")
	void everyClientMessageSurvivesARoundTrip(Wamp2Message message) {
		assertThat(this.codec.decodeFromClient(this.codec.encodeToBytes(message))).isEqualTo(message);
	}

	@Test
	void idsAreIntegersInTheirSmallestWidth() {
		assertThat(hex(new Wamp2Message.Subscribed(1, 23))).isEqualTo("8318210117");
		assertThat(hex(new Wamp2Message.Subscribed(1, 300))).isEqualTo("8318210119012c");
		assertThat(hex(new Wamp2Message.Subscribed(1, 70_000))).isEqualTo("831821011a00011170");
		assertThat(hex(new Wamp2Message.Subscribed(1, (1L << 53) - 1))).isEqualTo("831821011b001fffffffffffff");
	}

	@Test
	void aBigIntegerThatFitsALongIsAPlainInteger() {
		assertThat(hex(result(BigInteger.valueOf(6)))).isEqualTo("84183207bfff8106");
		assertThat(hex(result(BigInteger.valueOf(-500)))).isEqualTo("84183207bfff813901f3");
		assertThat(hex(result(BigInteger.valueOf(Long.MAX_VALUE)))).isEqualTo("84183207bfff811b7fffffffffffffff");
		assertThat(hex(result(nodes.numberNode(BigInteger.valueOf(6))))).isEqualTo("84183207bfff8106");
	}

	@Test
	void aBigIntegerBeyondALongIsAStandardBignum() {
		// tag 2 and tag 3 (-1 - n) of RFC 8949, section 3.4.3
		assertThat(hex(result(BigInteger.ONE.shiftLeft(64)))).isEqualTo("84183207bfff81c249010000000000000000");
		assertThat(hex(result(BigInteger.ONE.shiftLeft(64).negate().subtract(BigInteger.ONE))))
			.isEqualTo("84183207bfff81c349010000000000000000");
	}

	@Test
	void aDecimalIsAnIntegerOrADouble() {
		assertThat(hex(result(new BigDecimal("6.00")))).isEqualTo("84183207bfff8106");
		assertThat(hex(result(new BigDecimal("6E+3")))).isEqualTo("84183207bfff81191770");
		assertThat(hex(result(new BigDecimal("0.000")))).isEqualTo("84183207bfff8100");
		assertThat(hex(result(new BigDecimal("0.75")))).isEqualTo("84183207bfff81fb3fe8000000000000");
		assertThat(hex(result(nodes.numberNode(new BigDecimal("-0.75")))))
			.isEqualTo("84183207bfff81fbbfe8000000000000");
		assertThat(hex(result(new BigDecimal("1E+30")))).isEqualTo("84183207bfff81c24d0c9f2c9cd04674edea40000000");
	}

	@Test
	void aDecimalNoDoubleCanHoldKeepsItsTag() {
		// tag 4, a decimal fraction [exponent, mantissa]: 1E-400 and 1E+400 are 0 and
		// infinite as doubles, and an exponent is never expanded into digits
		assertThat(hex(result(new BigDecimal("1E-400")))).startsWith("84183207bfff81c482");
		assertThat(hex(result(new BigDecimal("1E+1000000")))).startsWith("84183207bfff81c482");
	}

	@Test
	void aTagAroundAStringIsIgnored() {
		// [32, 1, {}, 32("a.b")]: tag 32 (URI) around the topic
		Wamp2Message message = this.codec.decodeFromClient(bytes("84 1820 01 a0 d820 63612e62"));
		assertThat(message).isEqualTo(new Wamp2Message.Subscribe(1, nodes.objectNode(), "a.b"));
	}

	@Test
	void aByteStringWhereAStringBelongsIsAViolation() {
		// [32, 1, {}, h'612e62']
		assertViolation("84 1820 01 a0 43612e62", "SUBSCRIBE: Topic must be a string");
	}

	@Test
	void undefinedWhereAStringBelongsIsAViolation() {
		assertViolation("84 1820 01 a0 f7", "SUBSCRIBE: Topic must be a string");
	}

	@Test
	void aFloatIdIsAViolation() {
		// [32, 1.0, {}, "a"] as a double and as a half-precision float
		assertViolation("84 1820 fb3ff0000000000000 a0 6161", "SUBSCRIBE: Request must be an integer id");
		assertViolation("84 1820 f93c00 a0 6161", "SUBSCRIBE: Request must be an integer id");
	}

	@Test
	void aBignumIdIsTheIntegerItHoldsWhenInRange() {
		assertThat(this.codec.decodeFromClient(bytes("84 1820 c24105 a0 6161")))
			.isEqualTo(new Wamp2Message.Subscribe(5, nodes.objectNode(), "a"));
		assertViolation("84 1820 c249010000000000000000 a0 6161", "SUBSCRIBE: Request must be an integer id");
	}

	@Test
	void anIdAbove2To53IsAViolation() {
		assertViolation("84 1820 1b0020000000000001 a0 6161", "SUBSCRIBE: Request must be between 1 and 2^53");
	}

	@Test
	void bytesAfterTheMessageAreAViolation() {
		assertViolation("84 1820 01 a0 6161 00", "not CBOR");
	}

	@Test
	void aTruncatedMessageIsAViolation() {
		assertViolation("84 1820 01 a0 63612e", "not CBOR");
	}

	@Test
	void jsonTextIsNotCbor() {
		assertThatExceptionOfType(Wamp2ProtocolException.class)
			.isThrownBy(() -> this.codec.decodeFromClient("[32,1,{},\"a\"]".getBytes()))
			.withMessage("not CBOR");
	}

	private static Wamp2Message.Result result(Object value) {
		return new Wamp2Message.Result(7, Map.of(), List.of(value), Map.of());
	}

	private String hex(Wamp2Message message) {
		return HexFormat.of().formatHex(this.codec.encodeToBytes(message));
	}

	private void assertViolation(String hex, String reason) {
		assertThatExceptionOfType(Wamp2ProtocolException.class)
			.isThrownBy(() -> this.codec.decodeFromClient(bytes(hex)))
			.withMessage(reason);
	}

	private static byte[] bytes(String hex) {
		return HexFormat.of().parseHex(hex.replace(" ", ""));
	}

}
