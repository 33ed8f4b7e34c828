package dev.websocket.server.wamp.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.websocket.server.wamp.message.WampMessage;
import dev.websocket.server.wamp.message.WampMessage.Call;
import dev.websocket.server.wamp.message.WampMessage.CallError;
import dev.websocket.server.wamp.message.WampMessage.CallResult;
import dev.websocket.server.wamp.message.WampMessage.Event;
import dev.websocket.server.wamp.message.WampMessage.Prefix;
import dev.websocket.server.wamp.message.WampMessage.Publish;
import dev.websocket.server.wamp.message.WampMessage.Subscribe;
import dev.websocket.server.wamp.message.WampMessage.Unsubscribe;
import dev.websocket.server.wamp.message.WampMessage.Welcome;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WampCodecTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final WampCodec codec = new WampCodec(JsonMapper.builder().build(), 32);

	private JsonNode json(String text) {
		return codec.mapper().readTree(text);
	}

	@Nested
	class RoundTrip {

		@Test
		void welcome() {
			Welcome message = new Welcome("s1", 1, "websocket-server/0.1");
			String text = "[0,\"s1\",1,\"websocket-server/0.1\"]";
			assertThat(codec.encode(message)).isEqualTo(text);
			assertThat(codec.decodeFromServer(text)).isEqualTo(message);
		}

		@Test
		void prefixFromClient() {
			Prefix message = new Prefix("calc", "http://example.com/calc#");
			String text = "[1,\"calc\",\"http://example.com/calc#\"]";
			assertThat(codec.encode(message)).isEqualTo(text);
			assertThat(codec.decodeFromClient(text)).isEqualTo(message);
		}

		@Test
		void prefixFromServer() {
			String text = "[1,\"calc\",\"http://example.com/calc#\"]";
			assertThat(codec.decodeFromServer(text)).isEqualTo(new Prefix("calc", "http://example.com/calc#"));
		}

		@Test
		void callWithArguments() {
			Call message = new Call("c1", "calc:add", List.of(json("1"), json("\"two\""), json("{\"a\":[3]}")));
			String text = "[2,\"c1\",\"calc:add\",1,\"two\",{\"a\":[3]}]";
			assertThat(codec.encode(message)).isEqualTo(text);
			assertThat(codec.decodeFromClient(text)).isEqualTo(message);
		}

		@Test
		void callWithoutArguments() {
			Call message = new Call("c1", "calc:now", List.of());
			String text = "[2,\"c1\",\"calc:now\"]";
			assertThat(codec.encode(message)).isEqualTo(text);
			assertThat(codec.decodeFromClient(text)).isEqualTo(message);
		}

		@Test
		void callWithNullArgument() {
			Call message = new Call("c1", "p", List.of(NODES.nullNode()));
			String text = "[2,\"c1\",\"p\",null]";
			assertThat(codec.encode(message)).isEqualTo(text);
			assertThat(codec.decodeFromClient(text)).isEqualTo(message);
		}

		@Test
		void callResultWithValue() {
			String text = "[3,\"c1\",{\"sum\":3}]";
			assertThat(codec.encode(new CallResult("c1", Map.of("sum", 3)))).isEqualTo(text);
			assertThat(codec.decodeFromServer(text)).isEqualTo(new CallResult("c1", json("{\"sum\":3}")));
		}

		@Test
		void callResultWithNull() {
			CallResult message = new CallResult("c1", null);
			String text = "[3,\"c1\",null]";
			assertThat(codec.encode(message)).isEqualTo(text);
			assertThat(codec.decodeFromServer(text)).isEqualTo(message);
		}

		@Test
		void callErrorWithoutDetails() {
			CallError message = new CallError("c1", "http://example.com/error#oops", "Oops", null);
			String text = "[4,\"c1\",\"http://example.com/error#oops\",\"Oops\"]";
			assertThat(codec.encode(message)).isEqualTo(text);
			assertThat(codec.decodeFromServer(text)).isEqualTo(message);
		}

		@Test
		void callErrorWithDetails() {
			String text = "[4,\"c1\",\"e:x\",\"Oops\",{\"code\":404}]";
			assertThat(codec.encode(new CallError("c1", "e:x", "Oops", Map.of("code", 404)))).isEqualTo(text);
			assertThat(codec.decodeFromServer(text))
				.isEqualTo(new CallError("c1", "e:x", "Oops", json("{\"code\":404}")));
		}

		@Test
		void subscribe() {
			Subscribe message = new Subscribe("chat/room");
			String text = "[5,\"chat/room\"]";
			assertThat(codec.encode(message)).isEqualTo(text);
			assertThat(codec.decodeFromClient(text)).isEqualTo(message);
		}

		@Test
		void unsubscribe() {
			Unsubscribe message = new Unsubscribe("chat/room");
			String text = "[6,\"chat/room\"]";
			assertThat(codec.encode(message)).isEqualTo(text);
			assertThat(codec.decodeFromClient(text)).isEqualTo(message);
		}

		@Test
		void publishWithEventOnly() {
			Publish message = new Publish("chat/room", json("{\"msg\":\"hi\"}"));
			String text = "[7,\"chat/room\",{\"msg\":\"hi\"}]";
			assertThat(codec.encode(message)).isEqualTo(text);
			assertThat(codec.decodeFromClient(text)).isEqualTo(message);
		}

		@Test
		void publishWithExcludeMe() {
			Publish message = new Publish("chat/room", json("\"hi\""), true, null, null);
			String text = "[7,\"chat/room\",\"hi\",true]";
			assertThat(codec.encode(message)).isEqualTo(text);
			assertThat(codec.decodeFromClient(text)).isEqualTo(message);
		}

		@Test
		void publishWithExcludeMeFalse() {
			Publish message = new Publish("chat/room", json("\"hi\""), false, null, null);
			String text = "[7,\"chat/room\",\"hi\",false]";
			assertThat(codec.encode(message)).isEqualTo(text);
			assertThat(codec.decodeFromClient(text)).isEqualTo(message);
		}

		@Test
		void publishWithExclude() {
			Publish message = new Publish("chat/room", json("1"), null, List.of("a", "b"), null);
			String text = "[7,\"chat/room\",1,[\"a\",\"b\"]]";
			assertThat(codec.encode(message)).isEqualTo(text);
			assertThat(codec.decodeFromClient(text)).isEqualTo(message);
		}

		@Test
		void publishWithExcludeAndEligible() {
			Publish message = new Publish("chat/room", NODES.nullNode(), null, List.of(), List.of("c"));
			String text = "[7,\"chat/room\",null,[],[\"c\"]]";
			assertThat(codec.encode(message)).isEqualTo(text);
			assertThat(codec.decodeFromClient(text)).isEqualTo(message);
		}

		@Test
		void event() {
			String text = "[8,\"http://example.com/chat\",{\"msg\":\"hi\"}]";
			assertThat(codec.encode(new Event("http://example.com/chat", Map.of("msg", "hi")))).isEqualTo(text);
			assertThat(codec.decodeFromServer(text))
				.isEqualTo(new Event("http://example.com/chat", json("{\"msg\":\"hi\"}")));
		}

		@Test
		void eventWithNull() {
			Event message = new Event("t", null);
			String text = "[8,\"t\",null]";
			assertThat(codec.encode(message)).isEqualTo(text);
			assertThat(codec.decodeFromServer(text)).isEqualTo(message);
		}

		@Test
		void stringsAreEscaped() {
			Subscribe message = new Subscribe("a\"b\\c\u00e9\n");
			String text = codec.encode(message);
			assertThat(text).isEqualTo("[5,\"a\\\"b\\\\c\u00e9\\n\"]");
			assertThat(codec.decodeFromClient(text)).isEqualTo(message);
		}

		@Test
		void whitespaceBetweenElementsIsAccepted() {
			assertThat(codec.decodeFromClient(" [ 5 , \"t\" ] ")).isEqualTo(new Subscribe("t"));
		}

	}

	@Nested
	class BadInput {

		private void assertClientRejects(String text, String message) {
			assertThatExceptionOfType(WampProtocolException.class).isThrownBy(() -> codec.decodeFromClient(text))
				.withMessage(message);
		}

		private void assertServerRejects(String text, String message) {
			assertThatExceptionOfType(WampProtocolException.class).isThrownBy(() -> codec.decodeFromServer(text))
				.withMessage(message);
		}

		@Test
		void notJson() {
			assertClientRejects("not json", "not JSON");
		}

		@Test
		void trailingTokensAreNotJson() {
			assertClientRejects("[5,\"a\"] x", "not JSON");
		}

		@Test
		void twoArraysAreNotJson() {
			assertClientRejects("[5,\"a\"][5,\"b\"]", "not JSON");
		}

		@Test
		void truncatedJsonIsNotJson() {
			assertClientRejects("[5,\"a\"", "not JSON");
		}

		@Test
		void emptyText() {
			assertClientRejects("", "not JSON: no content");
		}

		@Test
		void blankText() {
			assertClientRejects("   ", "not JSON: no content");
		}

		@Test
		void notAnArray() {
			assertClientRejects("{\"type\":5}", "not a JSON array");
		}

		@Test
		void scalarIsNotAnArray() {
			assertClientRejects("5", "not a JSON array");
		}

		@Test
		void emptyArray() {
			assertClientRejects("[]", "empty array");
		}

		@Test
		void typeIdString() {
			assertClientRejects("[\"5\",\"t\"]", "type id is not an integer");
		}

		@Test
		void typeIdFloat() {
			assertClientRejects("[5.0,\"t\"]", "type id is not an integer");
		}

		@Test
		void typeIdHuge() {
			assertClientRejects("[99999999999999999999,\"t\"]", "unknown type id");
		}

		@Test
		void unknownTypeId() {
			assertClientRejects("[9,\"t\"]", "unknown type id 9");
		}

		@Test
		void negativeTypeId() {
			assertClientRejects("[-1,\"t\"]", "unknown type id -1");
		}

		@Test
		void serverOnlyTypeIdFromClient() {
			assertClientRejects("[0,\"s\",1,\"x\"]", "type id 0 is sent by servers only");
			assertClientRejects("[3,\"c\",1]", "type id 3 is sent by servers only");
			assertClientRejects("[4,\"c\",\"e\",\"d\"]", "type id 4 is sent by servers only");
			assertClientRejects("[8,\"t\",1]", "type id 8 is sent by servers only");
		}

		@Test
		void clientOnlyTypeIdFromServer() {
			assertServerRejects("[2,\"c\",\"p\"]", "type id 2 is sent by clients only");
			assertServerRejects("[5,\"t\"]", "type id 5 is sent by clients only");
			assertServerRejects("[6,\"t\"]", "type id 6 is sent by clients only");
			assertServerRejects("[7,\"t\",1]", "type id 7 is sent by clients only");
		}

		@Test
		void unknownTypeIdFromServer() {
			assertServerRejects("[42]", "unknown type id 42");
		}

		@Test
		void prefixMissingUri() {
			assertClientRejects("[1,\"calc\"]", "PREFIX: missing uri");
		}

		@Test
		void prefixNotString() {
			assertClientRejects("[1,7,\"http://x\"]", "PREFIX: prefix must be a string");
		}

		@Test
		void prefixExtraElement() {
			assertClientRejects("[1,\"calc\",\"http://x\",1]", "PREFIX: too many elements");
		}

		@Test
		void callMissingCallId() {
			assertClientRejects("[2]", "CALL: missing callId");
		}

		@Test
		void callMissingProcUri() {
			assertClientRejects("[2,\"c1\"]", "CALL: missing procUri");
		}

		@Test
		void callIdNotString() {
			assertClientRejects("[2,1,\"p\"]", "CALL: callId must be a string");
		}

		@Test
		void callIdTooLong() {
			assertClientRejects("[2,\"" + "c".repeat(33) + "\",\"p\"]", "CALL: callId longer than 32 characters");
		}

		@Test
		void procUriNotString() {
			assertClientRejects("[2,\"c1\",{}]", "CALL: procUri must be a string");
		}

		@Test
		void procUriEmpty() {
			assertClientRejects("[2,\"c1\",\"\"]", "CALL: procUri is empty");
		}

		@Test
		void procUriTooLong() {
			assertClientRejects("[2,\"c1\",\"" + "p".repeat(33) + "\"]", "CALL: procUri longer than 32 characters");
		}

		@Test
		void uriAtTheLimitIsAccepted() {
			String uri = "t".repeat(32);
			assertThat(codec.decodeFromClient("[5,\"" + uri + "\"]")).isEqualTo(new Subscribe(uri));
		}

		@Test
		void subscribeMissingTopic() {
			assertClientRejects("[5]", "SUBSCRIBE: missing topicUri");
		}

		@Test
		void subscribeTopicNotString() {
			assertClientRejects("[5,null]", "SUBSCRIBE: topicUri must be a string");
		}

		@Test
		void subscribeTopicTooLong() {
			assertClientRejects("[5,\"" + "t".repeat(33) + "\"]", "SUBSCRIBE: topicUri longer than 32 characters");
		}

		@Test
		void subscribeExtraElement() {
			assertClientRejects("[5,\"t\",1]", "SUBSCRIBE: too many elements");
		}

		@Test
		void unsubscribeTopicNotString() {
			assertClientRejects("[6,[\"t\"]]", "UNSUBSCRIBE: topicUri must be a string");
		}

		@Test
		void unsubscribeEmptyTopic() {
			assertClientRejects("[6,\"\"]", "UNSUBSCRIBE: topicUri is empty");
		}

		@Test
		void publishMissingEvent() {
			assertClientRejects("[7,\"t\"]", "PUBLISH: missing event");
		}

		@Test
		void publishTopicNotString() {
			assertClientRejects("[7,1,\"e\"]", "PUBLISH: topicUri must be a string");
		}

		@Test
		void publishExcludeNotListOrBoolean() {
			assertClientRejects("[7,\"t\",\"e\",\"s1\"]", "PUBLISH: exclude must be a boolean or a list of strings");
		}

		@Test
		void publishExcludeNotListOfStrings() {
			assertClientRejects("[7,\"t\",\"e\",[\"s1\",2]]", "PUBLISH: exclude must be a list of strings");
		}

		@Test
		void publishEligibleNotList() {
			assertClientRejects("[7,\"t\",\"e\",[],\"s1\"]", "PUBLISH: eligible must be a list of strings");
		}

		@Test
		void publishEligibleNotListOfStrings() {
			assertClientRejects("[7,\"t\",\"e\",[],[null]]", "PUBLISH: eligible must be a list of strings");
		}

		@Test
		void publishExcludeMeWithFifthElement() {
			assertClientRejects("[7,\"t\",\"e\",true,[\"s1\"]]",
					"PUBLISH: eligible is only allowed after an exclude list");
		}

		@Test
		void publishSixElements() {
			assertClientRejects("[7,\"t\",\"e\",[],[],[]]", "PUBLISH: too many elements");
		}

		@Test
		void welcomeVersionNotInteger() {
			assertServerRejects("[0,\"s\",\"1\",\"x\"]", "WELCOME: protocolVersion must be an integer");
		}

		@Test
		void welcomeMissingIdent() {
			assertServerRejects("[0,\"s\",1]", "WELCOME: missing serverIdent");
		}

		@Test
		void welcomeExtraElement() {
			assertServerRejects("[0,\"s\",1,\"x\",2]", "WELCOME: too many elements");
		}

		@Test
		void callResultMissingResult() {
			assertServerRejects("[3,\"c\"]", "CALLRESULT: missing result");
		}

		@Test
		void callResultExtraElement() {
			assertServerRejects("[3,\"c\",1,2]", "CALLRESULT: too many elements");
		}

		@Test
		void callErrorMissingDescription() {
			assertServerRejects("[4,\"c\",\"e\"]", "CALLERROR: missing errorDesc");
		}

		@Test
		void callErrorDescriptionNotString() {
			assertServerRejects("[4,\"c\",\"e\",5]", "CALLERROR: errorDesc must be a string");
		}

		@Test
		void callErrorExtraElement() {
			assertServerRejects("[4,\"c\",\"e\",\"d\",{},1]", "CALLERROR: too many elements");
		}

		@Test
		void eventExtraElement() {
			assertServerRejects("[8,\"t\",1,2]", "EVENT: too many elements");
		}

		@Test
		void messageNeverEchoesLongInput() {
			String longUri = "x".repeat(10_000);
			assertThatExceptionOfType(WampProtocolException.class)
				.isThrownBy(() -> codec.decodeFromClient("[5,\"" + longUri + "\"]"))
				.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(100));
		}

		@Test
		void deeplyNestedInputIsRejected() {
			String text = "[7,\"t\"," + "[".repeat(100_000) + "]".repeat(100_000) + "]";
			assertClientRejects(text, "JSON over a parser limit (nesting depth, number or string length)");
		}

	}

	@Nested
	class Fidelity {

		@Test
		void numbersBeyondDoubleRangeRoundTripAsNumbers() {
			String text = "[2,\"c\",\"p\",1E+400,-1E-400,1E+400000]";
			assertThat(codec.encode(codec.decodeFromClient(text))).isEqualTo(text);
		}

		@Test
		void decimalsKeepTheirDigitsAndTrailingZeros() {
			String text = "[2,\"c\",\"p\",0.10,1.0,3.141592653589793238462643383279,-0.5]";
			assertThat(codec.encode(codec.decodeFromClient(text))).isEqualTo(text);
		}

		@Test
		void integersOfAnySizeRoundTrip() {
			String text = "[7,\"t\",[1,-9223372036854775809,123456789012345678901234567890]]";
			assertThat(codec.encode(codec.decodeFromClient(text))).isEqualTo(text);
		}

		@Test
		void floatsDecodeAsBigDecimals() {
			Call call = (Call) codec.decodeFromClient("[2,\"c\",\"p\",1e400]");
			assertThat(call.arguments().get(0).isBigDecimal()).isTrue();
			assertThat(call.arguments().get(0).decimalValue()).isEqualTo(new java.math.BigDecimal("1e400"));
		}

		@Test
		void loneSurrogateIsDecodedAsTheParserGivesIt() {
			Call call = (Call) codec.decodeFromClient("[2,\"c\",\"p\",\"a\\ud800b\"]");
			assertThat(call.arguments().get(0).stringValue()).isEqualTo("a\ud800b");
		}

		@Test
		void loneSurrogatesAreEscapedAgainOnEncode() {
			CallResult result = new CallResult("c", NODES.stringNode("a\ud800b\udfff"));
			assertThat(codec.encode(result)).isEqualTo("[3,\"c\",\"a\\uD800b\\uDFFF\"]");
		}

		@Test
		void escapedLoneSurrogateSurvivesUtf8() {
			String text = codec.encode(new Event("t", NODES.stringNode("x\udbffy")));
			String overTheWire = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
			assertThat(((Event) codec.decodeFromServer(overTheWire)).event()).isEqualTo(NODES.stringNode("x\udbffy"));
		}

		@Test
		void utf8IsTheTextsEncodingWithSurrogatesEscapedOrPaired() {
			CallResult result = new CallResult("c", NODES.stringNode("\u00e9\u20ac \ud83d\ude00 a\ud800b \u0001"));
			byte[] utf8 = codec.encodeToUtf8(result);
			assertThat(utf8).isEqualTo(codec.encode(result).getBytes(StandardCharsets.UTF_8));
			assertThat(new String(utf8, StandardCharsets.UTF_8))
				.isEqualTo("[3,\"c\",\"\u00e9\u20ac \ud83d\ude00 a\\uD800b \\u0001\"]");
		}

		@Test
		void aMessageLargerThanTheGeneratorsBufferIsEncodedWhole() {
			String big = "\u00e9".repeat(30_000) + "x".repeat(70_001);
			byte[] utf8 = codec.encodeToUtf8(new Event("t", NODES.stringNode(big)));
			assertThat(utf8).hasSize("[8,\"t\",\"\"]".length() + 60_000 + 70_001);
			assertThat(((Event) codec.decodeFromServer(new String(utf8, StandardCharsets.UTF_8))).event())
				.isEqualTo(NODES.stringNode(big));
		}

		@Test
		void surrogatePairsStayRaw() {
			CallResult result = new CallResult("c", NODES.stringNode("\ud83d\ude00 \udbff\udfff"));
			assertThat(codec.encode(result)).isEqualTo("[3,\"c\",\"\ud83d\ude00 \udbff\udfff\"]");
		}

		@Test
		void loneSurrogateInAnObjectKeyIsEscapedToo() {
			CallResult result = new CallResult("c", NODES.objectNode().put("k\udc00", 1));
			assertThat(codec.encode(result)).isEqualTo("[3,\"c\",{\"k\\uDC00\":1}]");
		}

		@Test
		void numberLiteralOverTheLengthLimitIsRejected() {
			WampCodec strict = new WampCodec(JsonMapper.builder().build(), 32, 10);
			assertThat(strict.decodeFromClient("[2,\"c\",\"p\",1234567890]")).isInstanceOf(Call.class);
			assertThatExceptionOfType(WampProtocolException.class)
				.isThrownBy(() -> strict.decodeFromClient("[2,\"c\",\"p\",12345678901]"))
				.withMessage("JSON over a parser limit (nesting depth, number or string length)");
		}

		@Test
		void payloadMappersReadFeaturesDoNotLoosenDecoding() {
			JsonMapper lenient = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();
			assertThatExceptionOfType(WampProtocolException.class)
				.isThrownBy(() -> new WampCodec(lenient, 32).decodeFromClient("[5,'t']"))
				.withMessage("not JSON");
		}

	}

	@Test
	void defaultCodecUsesDefaultUriLimit() {
		assertThat(new WampCodec().maxUriLength()).isEqualTo(WampCodec.DEFAULT_MAX_URI_LENGTH);
	}

	@Test
	void decodedCallArgumentsAreJsonNodes() {
		WampMessage message = codec.decodeFromClient("[2,\"c\",\"p\",[1,2]]");
		assertThat(((Call) message).arguments()).containsExactly(json("[1,2]"));
	}

}
