package dev.websocket.server.wamp.codec;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns {@link WampMessage}s into JSON text and back. Thread-safe; create one per server.
 *
 * <p>
 * Decoding accepts every message a client may send (PREFIX, CALL, SUBSCRIBE, UNSUBSCRIBE,
 * PUBLISH) and, for clients, the server-to-client ones (WELCOME, PREFIX, CALLRESULT,
 * CALLERROR, EVENT); see {@link #decodeFromClient} and {@link #decodeFromServer}.
 * Decoding is strict: the text must be exactly one JSON array laid out as the WAMP v1
 * specification says, with no extra elements and nothing after it; anything else throws a
 * {@link WampProtocolException} naming the violation. Payloads (call arguments, results,
 * events, error details) are decoded as {@link JsonNode}s; a JSON {@code null} result,
 * event or details decodes to {@code null}.
 *
 * <p>
 * Message text is read with the codec's own strict settings, whatever the payload
 * mapper's read features: floating-point numbers decode as {@link java.math.BigDecimal}s
 * exactly as written (so {@code 1e400} and {@code 0.10} come back as sent, never as
 * {@code Infinity} or a rounded double), integers as int, long or
 * {@link java.math.BigInteger} by size, and a number literal may be at most
 * {@code maxNumberLength} characters long (Jackson's {@link StreamReadConstraints});
 * strings are passed on as the parser gives them.
 *
 * <p>
 * Encoding writes UTF-8 straight from one generator and builds no intermediate tree. A
 * string holding a lone UTF-16 surrogate (which JSON allows as an escape such as
 * <code>"&#92;ud800"</code>) is written with that surrogate escaped again (as
 * <code>"&#92;uD800"</code>): UTF-8 cannot carry it raw, and the text stays valid JSON
 * that decodes to the same string.
 *
 * @see <a href="https://wamp-proto.org/wamp_spec_v1.html">WAMP v1 specification</a>
 */
public final class WampCodec {

	/** The default limit on URI length. */
	public static final int DEFAULT_MAX_URI_LENGTH = 2048;

	/** The default limit on the length of a number literal, in characters. */
	public static final int DEFAULT_MAX_NUMBER_LENGTH = 1000;

	private final JsonMapper mapper;

	/**
	 * The mapper's stream factory (all its features) with buffers recycled per thread:
	 * messages are encoded on a few event loops, where a thread's own buffers cost no
	 * contended queue per message as the shared default pool does.
	 */
	private final TokenStreamFactory generators;

	private final ObjectReader reader;

	private final int maxUriLength;

	/** A codec with a plain {@link JsonMapper} and the default URI length limit. */
	public WampCodec() {
		this(JsonMapper.builder().build(), DEFAULT_MAX_URI_LENGTH);
	}

	/**
	 * @param mapper writes payloads (results, events, details)
	 * @param maxUriLength longest URI or CURIE accepted when decoding
	 */
	public WampCodec(JsonMapper mapper, int maxUriLength) {
		this(mapper, maxUriLength, DEFAULT_MAX_NUMBER_LENGTH);
	}

	/**
	 * @param mapper writes payloads (results, events, details)
	 * @param maxUriLength longest URI or CURIE accepted when decoding
	 * @param maxNumberLength longest number literal accepted when decoding, in characters
	 */
	public WampCodec(JsonMapper mapper, int maxUriLength, int maxNumberLength) {
		if (maxUriLength < 1) {
			throw new IllegalArgumentException("maxUriLength must be positive: " + maxUriLength);
		}
		if (maxNumberLength < 1) {
			throw new IllegalArgumentException("maxNumberLength must be positive: " + maxNumberLength);
		}
		this.mapper = mapper;
		this.generators = mapper.tokenStreamFactory()
			.rebuild()
			.recyclerPool(JsonRecyclerPools.threadLocalPool())
			.build();
		JsonFactory factory = JsonFactory.builder()
			.recyclerPool(JsonRecyclerPools.threadLocalPool())
			.streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(maxNumberLength).build())
			.build();
		this.reader = JsonMapper.builder(factory)
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
			.build()
			.reader();
		this.maxUriLength = maxUriLength;
	}

	/** The mapper used for payloads. */
	public JsonMapper mapper() {
		return mapper;
	}

	/** The longest URI or CURIE accepted when decoding. */
	public int maxUriLength() {
		return maxUriLength;
	}

	/**
	 * Serializes a message to its JSON array text.
	 * @param message the message
	 * @return the JSON text
	 * @throws JacksonException when a payload cannot be serialized
	 * @see #encodeToUtf8
	 */
	public String encode(WampMessage message) {
		return new String(encodeToUtf8(message), StandardCharsets.UTF_8);
	}

	/**
	 * Serializes a message to its JSON array text encoded as UTF-8, what a text frame
	 * carries: the generator writes bytes, and they are copied once, into an array of
	 * their exact length.
	 * @param message the message
	 * @return the JSON text as UTF-8
	 * @throws JacksonException when a payload cannot be serialized
	 */
	public byte[] encodeToUtf8(WampMessage message) {
		ExactBytes out = new ExactBytes();
		try (JsonGenerator gen = generators.createGenerator(mapper._serializationContext(), out)) {
			write(gen, message);
		}
		return out.bytes();
	}

	private static void write(JsonGenerator gen, WampMessage message) {
		gen.writeStartArray();
		gen.writeNumber(message.typeId());
		if (message instanceof Event m) {
			gen.writeString(m.topicUri());
			writePayload(gen, m.event());
		}
		else if (message instanceof CallResult m) {
			gen.writeString(m.callId());
			writePayload(gen, m.result());
		}
		else if (message instanceof CallError m) {
			gen.writeString(m.callId());
			gen.writeString(m.errorUri());
			gen.writeString(m.errorDescription());
			if (m.errorDetails() != null) {
				gen.writePOJO(m.errorDetails());
			}
		}
		else if (message instanceof Call m) {
			gen.writeString(m.callId());
			gen.writeString(m.procUri());
			for (JsonNode argument : m.arguments()) {
				gen.writePOJO(argument);
			}
		}
		else if (message instanceof Publish m) {
			gen.writeString(m.topicUri());
			gen.writePOJO(m.event());
			if (m.excludeMe() != null) {
				gen.writeBoolean(m.excludeMe());
			}
			else if (m.exclude() != null) {
				writeStrings(gen, m.exclude());
				if (m.eligible() != null) {
					writeStrings(gen, m.eligible());
				}
			}
		}
		else if (message instanceof Subscribe m) {
			gen.writeString(m.topicUri());
		}
		else if (message instanceof Unsubscribe m) {
			gen.writeString(m.topicUri());
		}
		else if (message instanceof Prefix m) {
			gen.writeString(m.prefix());
			gen.writeString(m.uri());
		}
		else if (message instanceof Welcome m) {
			gen.writeString(m.sessionId());
			gen.writeNumber(m.protocolVersion());
			gen.writeString(m.serverIdent());
		}
		gen.writeEndArray();
	}

	private static void writePayload(JsonGenerator gen, @Nullable Object payload) {
		if (payload == null) {
			gen.writeNull();
		}
		else {
			gen.writePOJO(payload);
		}
	}

	private static void writeStrings(JsonGenerator gen, List<String> values) {
		gen.writeStartArray();
		for (String value : values) {
			gen.writeString(value);
		}
		gen.writeEndArray();
	}

	/**
	 * Parses a message a client sent to the server: PREFIX, CALL, SUBSCRIBE, UNSUBSCRIBE
	 * or PUBLISH.
	 * @param text the text frame's payload
	 * @return the message
	 * @throws WampProtocolException naming the violation: not JSON, not an array, unknown
	 * or server-only type id, missing or wrongly typed field, extra elements, an empty
	 * URI or a URI, prefix or call id over the length limit
	 */
	public WampMessage decodeFromClient(String text) {
		JsonNode array = parseArray(text);
		int typeId = typeId(array);
		return switch (typeId) {
			case WampMessage.PREFIX -> decodePrefix(array);
			case WampMessage.CALL -> decodeCall(array);
			case WampMessage.SUBSCRIBE -> new Subscribe(uri(array, 1, "SUBSCRIBE", "topicUri", 2));
			case WampMessage.UNSUBSCRIBE -> new Unsubscribe(uri(array, 1, "UNSUBSCRIBE", "topicUri", 2));
			case WampMessage.PUBLISH -> decodePublish(array);
			case WampMessage.WELCOME, WampMessage.CALLRESULT, WampMessage.CALLERROR, WampMessage.EVENT ->
				throw new WampProtocolException("type id " + typeId + " is sent by servers only");
			default -> throw new WampProtocolException("unknown type id " + typeId);
		};
	}

	/**
	 * Parses a message a server sent to a client: WELCOME, PREFIX, CALLRESULT, CALLERROR
	 * or EVENT.
	 * @param text the text frame's payload
	 * @return the message
	 * @throws WampProtocolException naming the violation
	 */
	public WampMessage decodeFromServer(String text) {
		JsonNode array = parseArray(text);
		int typeId = typeId(array);
		return switch (typeId) {
			case WampMessage.WELCOME -> decodeWelcome(array);
			case WampMessage.PREFIX -> decodePrefix(array);
			case WampMessage.CALLRESULT -> decodeCallResult(array);
			case WampMessage.CALLERROR -> decodeCallError(array);
			case WampMessage.EVENT -> decodeEvent(array);
			case WampMessage.CALL, WampMessage.SUBSCRIBE, WampMessage.UNSUBSCRIBE, WampMessage.PUBLISH ->
				throw new WampProtocolException("type id " + typeId + " is sent by clients only");
			default -> throw new WampProtocolException("unknown type id " + typeId);
		};
	}

	private JsonNode parseArray(String text) {
		JsonNode node;
		try {
			node = reader.readTree(text);
		}
		catch (StreamConstraintsException ex) {
			throw new WampProtocolException("JSON over a parser limit (nesting depth, number or string length)");
		}
		catch (JacksonException ex) {
			throw new WampProtocolException("not JSON");
		}
		if (node == null || node.isMissingNode()) {
			throw new WampProtocolException("not JSON: no content");
		}
		if (!node.isArray()) {
			throw new WampProtocolException("not a JSON array");
		}
		if (node.isEmpty()) {
			throw new WampProtocolException("empty array");
		}
		return node;
	}

	private static int typeId(JsonNode array) {
		JsonNode id = array.get(0);
		if (!id.isIntegralNumber()) {
			throw new WampProtocolException("type id is not an integer");
		}
		if (!id.canConvertToInt()) {
			throw new WampProtocolException("unknown type id");
		}
		return id.intValue();
	}

	private Prefix decodePrefix(JsonNode array) {
		String prefix = uri(array, 1, "PREFIX", "prefix", 3);
		String uri = uri(array, 2, "PREFIX", "uri", 3);
		return new Prefix(prefix, uri);
	}

	private Call decodeCall(JsonNode array) {
		String callId = callId(array, "CALL");
		String procUri = uri(array, 2, "CALL", "procUri", -1);
		List<JsonNode> arguments = new ArrayList<>(array.size() - 3);
		for (int i = 3; i < array.size(); i++) {
			arguments.add(array.get(i));
		}
		return new Call(callId, procUri, arguments);
	}

	private Publish decodePublish(JsonNode array) {
		String topicUri = uri(array, 1, "PUBLISH", "topicUri", -1);
		JsonNode event = required(array, 2, "PUBLISH", "event");
		if (array.size() > 5) {
			throw extraElements("PUBLISH");
		}
		if (array.size() == 3) {
			return new Publish(topicUri, event);
		}
		JsonNode fourth = array.get(3);
		if (fourth.isBoolean()) {
			if (array.size() > 4) {
				throw new WampProtocolException("PUBLISH: eligible is only allowed after an exclude list");
			}
			return new Publish(topicUri, event, fourth.booleanValue(), null, null);
		}
		if (!fourth.isArray()) {
			throw new WampProtocolException("PUBLISH: exclude must be a boolean or a list of strings");
		}
		List<String> exclude = strings(fourth, "PUBLISH", "exclude");
		List<String> eligible = (array.size() == 5) ? strings(array.get(4), "PUBLISH", "eligible") : null;
		return new Publish(topicUri, event, null, exclude, eligible);
	}

	private Welcome decodeWelcome(JsonNode array) {
		String sessionId = string(array, 1, "WELCOME", "sessionId", 4);
		JsonNode version = required(array, 2, "WELCOME", "protocolVersion");
		if (!version.isIntegralNumber() || !version.canConvertToInt()) {
			throw wrongType("WELCOME", "protocolVersion", "an integer");
		}
		String serverIdent = string(array, 3, "WELCOME", "serverIdent", 4);
		return new Welcome(sessionId, version.intValue(), serverIdent);
	}

	private CallResult decodeCallResult(JsonNode array) {
		String callId = callId(array, "CALLRESULT");
		JsonNode result = required(array, 2, "CALLRESULT", "result");
		expectAtMost(array, 3, "CALLRESULT");
		return new CallResult(callId, nullToNull(result));
	}

	private CallError decodeCallError(JsonNode array) {
		String callId = callId(array, "CALLERROR");
		String errorUri = uri(array, 2, "CALLERROR", "errorUri", 5);
		String description = string(array, 3, "CALLERROR", "errorDesc", 5);
		Object details = (array.size() == 5) ? nullToNull(array.get(4)) : null;
		return new CallError(callId, errorUri, description, details);
	}

	private Event decodeEvent(JsonNode array) {
		String topicUri = uri(array, 1, "EVENT", "topicUri", 3);
		JsonNode event = required(array, 2, "EVENT", "event");
		return new Event(topicUri, nullToNull(event));
	}

	private static @Nullable Object nullToNull(JsonNode node) {
		return node.isNull() ? null : node;
	}

	private String callId(JsonNode array, String type) {
		String callId = string(array, 1, type, "callId", -1);
		if (callId.length() > maxUriLength) {
			throw new WampProtocolException(type + ": callId longer than " + maxUriLength + " characters");
		}
		return callId;
	}

	private String uri(JsonNode array, int index, String type, String field, int maxSize) {
		String value = string(array, index, type, field, maxSize);
		if (value.isEmpty()) {
			throw new WampProtocolException(type + ": " + field + " is empty");
		}
		if (value.length() > maxUriLength) {
			throw new WampProtocolException(type + ": " + field + " longer than " + maxUriLength + " characters");
		}
		return value;
	}

	/**
	 * The string at {@code index}; when {@code maxSize} is not -1 also checks the array's
	 * size.
	 */
	private static String string(JsonNode array, int index, String type, String field, int maxSize) {
		JsonNode node = required(array, index, type, field);
		if (!node.isString()) {
			throw wrongType(type, field, "a string");
		}
		if (maxSize != -1) {
			expectAtMost(array, maxSize, type);
		}
		return node.stringValue();
	}

	private static JsonNode required(JsonNode array, int index, String type, String field) {
		if (array.size() <= index) {
			throw new WampProtocolException(type + ": missing " + field);
		}
		return array.get(index);
	}

	private static void expectAtMost(JsonNode array, int size, String type) {
		if (array.size() > size) {
			throw extraElements(type);
		}
	}

	private static List<String> strings(JsonNode node, String type, String field) {
		if (!node.isArray()) {
			throw wrongType(type, field, "a list of strings");
		}
		List<String> values = new ArrayList<>(node.size());
		for (JsonNode element : node) {
			if (!element.isString()) {
				throw wrongType(type, field, "a list of strings");
			}
			values.add(element.stringValue());
		}
		return values;
	}

	private static WampProtocolException wrongType(String type, String field, String expected) {
		return new WampProtocolException(type + ": " + field + " must be " + expected);
	}

	private static WampProtocolException extraElements(String type) {
		return new WampProtocolException(type + ": too many elements");
	}

	/**
	 * An unsynchronized output stream that keeps what it is given in an array of its
	 * exact length. The generator buffers a message and hands it over in one write when
	 * it is closed, which is copied once into an array of that length; a message larger
	 * than the generator's buffer comes in several writes, for which the array grows by
	 * doubling and is trimmed once at the end.
	 */
	private static final class ExactBytes extends OutputStream {

		private static final byte[] EMPTY = new byte[0];

		/** The largest array the doubling asks for. */
		private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

		private byte[] bytes = EMPTY;

		private int count;

		@Override
		public void write(byte[] chunk, int offset, int length) {
			if (this.count == 0) {
				this.bytes = Arrays.copyOfRange(chunk, offset, offset + length);
				this.count = length;
				return;
			}
			int needed = Math.addExact(this.count, length);
			if (needed > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(needed, Math.min(2 * this.bytes.length, MAX_ARRAY)));
			}
			System.arraycopy(chunk, offset, this.bytes, this.count, length);
			this.count = needed;
		}

		@Override
		public void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		byte[] bytes() {
			return (this.count == this.bytes.length) ? this.bytes : Arrays.copyOf(this.bytes, this.count);
		}

	}

}
