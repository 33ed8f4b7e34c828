package dev.websocket.server.wamp2.codec;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.websocket.server.wamp2.message.Wamp2Message;
import dev.websocket.server.wamp2.message.Wamp2Message.Abort;
import dev.websocket.server.wamp2.message.Wamp2Message.Authenticate;
import dev.websocket.server.wamp2.message.Wamp2Message.Call;
import dev.websocket.server.wamp2.message.Wamp2Message.Cancel;
import dev.websocket.server.wamp2.message.Wamp2Message.Challenge;
import dev.websocket.server.wamp2.message.Wamp2Message.Error;
import dev.websocket.server.wamp2.message.Wamp2Message.Event;
import dev.websocket.server.wamp2.message.Wamp2Message.Goodbye;
import dev.websocket.server.wamp2.message.Wamp2Message.Hello;
import dev.websocket.server.wamp2.message.Wamp2Message.Interrupt;
import dev.websocket.server.wamp2.message.Wamp2Message.Invocation;
import dev.websocket.server.wamp2.message.Wamp2Message.Publish;
import dev.websocket.server.wamp2.message.Wamp2Message.Published;
import dev.websocket.server.wamp2.message.Wamp2Message.Register;
import dev.websocket.server.wamp2.message.Wamp2Message.Registered;
import dev.websocket.server.wamp2.message.Wamp2Message.Result;
import dev.websocket.server.wamp2.message.Wamp2Message.Subscribe;
import dev.websocket.server.wamp2.message.Wamp2Message.Subscribed;
import dev.websocket.server.wamp2.message.Wamp2Message.Unregister;
import dev.websocket.server.wamp2.message.Wamp2Message.Unregistered;
import dev.websocket.server.wamp2.message.Wamp2Message.Unsubscribe;
import dev.websocket.server.wamp2.message.Wamp2Message.Unsubscribed;
import dev.websocket.server.wamp2.message.Wamp2Message.Welcome;
import dev.websocket.server.wamp2.message.Wamp2Message.Yield;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORFactory;
import tools.jackson.dataformat.cbor.CBORMapper;
import tools.jackson.dataformat.cbor.CBORReadFeature;
import tools.jackson.dataformat.cbor.CBORWriteFeature;

/**
 * Turns {@link Wamp2Message}s into frames and back, for one serialization: JSON
 * ({@code wamp.2.json}, text frames) or CBOR ({@code wamp.2.cbor}, binary frames), chosen
 * by the mapper. Thread-safe; one per serialization and server.
 *
 * <p>
 * Decoding accepts what a client may send (HELLO, ABORT, AUTHENTICATE, GOODBYE, ERROR for
 * an INVOCATION, PUBLISH, SUBSCRIBE, UNSUBSCRIBE, CALL, CANCEL, REGISTER, UNREGISTER,
 * YIELD) and is strict: exactly one array laid out as the WAMP v2 specification says, ids
 * integers from 1 to 2<sup>53</sup>, dictionaries where a dictionary belongs, strings
 * where a URI belongs (realms, reasons and error URIs also valid URIs, see
 * {@link #uriProblem}). Anything else throws a {@link Wamp2ProtocolException} naming the
 * violation. The topic or procedure of SUBSCRIBE, PUBLISH, CALL and REGISTER is checked
 * by the session, which answers an invalid one with ERROR {@code wamp.error.invalid_uri}.
 *
 * @see <a href="https://wamp-proto.org/wamp_latest_ietf.html">The WAMP protocol</a>
 */
public final class Wamp2Codec {

	/** The subprotocol of JSON serialization. */
	public static final String JSON_SUBPROTOCOL = "wamp.2.json";

	/** The subprotocol of CBOR serialization. */
	public static final String CBOR_SUBPROTOCOL = "wamp.2.cbor";

	private final ObjectMapper mapper;

	/**
	 * The mapper's stream factory (all its features) with buffers recycled per thread,
	 * for text frames: they are encoded on a few event loops, where a thread's own
	 * buffers cost no contended queue per message as the shared default pool does.
	 */
	private final TokenStreamFactory generators;

	private final ObjectReader reader;

	private final int maxUriLength;

	private final boolean binary;

	private final String subprotocol;

	private Wamp2Codec(ObjectMapper mapper, int maxUriLength, boolean binary, String subprotocol) {
		if (maxUriLength < 1) {
			throw new IllegalArgumentException("maxUriLength must be positive: " + maxUriLength);
		}
		this.mapper = mapper;
		this.generators = mapper.tokenStreamFactory()
			.rebuild()
			.recyclerPool(JsonRecyclerPools.threadLocalPool())
			.build();
		this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		this.maxUriLength = maxUriLength;
		this.binary = binary;
		this.subprotocol = subprotocol;
	}

	/**
	 * A {@code wamp.2.json} codec.
	 * @param mapper writes payloads and reads frames
	 * @param maxUriLength longest URI accepted
	 * @return the codec
	 */
	public static Wamp2Codec json(JsonMapper mapper, int maxUriLength) {
		return new Wamp2Codec(mapper, maxUriLength, false, JSON_SUBPROTOCOL);
	}

	/**
	 * The {@code wamp.2.cbor} codec: Jackson's CBOR format (which needs
	 * {@code tools.jackson.dataformat:jackson-dataformat-cbor}, an optional dependency of
	 * this module) with integers in their smallest width, {@code BigInteger} and
	 * {@code BigDecimal} written as a JSON client would read them (see
	 * {@link CborNumbers}), and negative bignums in the standard encoding both ways.
	 * @param maxUriLength longest URI accepted
	 * @return the codec
	 */
	public static Wamp2Codec cbor(int maxUriLength) {
		CBORFactory factory = CBORFactory.builder()
			.enable(CBORWriteFeature.WRITE_MINIMAL_INTS)
			.enable(CBORWriteFeature.ENCODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
			.enable(CBORReadFeature.DECODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
			.addDecorator(new CborNumbers())
			.build();
		return binary(CBORMapper.builder(factory).build(), maxUriLength, CBOR_SUBPROTOCOL);
	}

	/**
	 * A codec for a binary serialization such as {@code wamp.2.cbor}.
	 * @param mapper a mapper of that format (Jackson's {@code CBORMapper})
	 * @param maxUriLength longest URI accepted
	 * @param subprotocol the subprotocol it serves
	 * @return the codec
	 */
	public static Wamp2Codec binary(ObjectMapper mapper, int maxUriLength, String subprotocol) {
		return new Wamp2Codec(mapper, maxUriLength, true, subprotocol);
	}

	/** Whether frames are binary (CBOR) rather than text (JSON). */
	public boolean isBinary() {
		return binary;
	}

	/** The subprotocol this codec serves. */
	public String subprotocol() {
		return subprotocol;
	}

	/** The mapper used for payloads. */
	public ObjectMapper mapper() {
		return mapper;
	}

	// ---- encoding

	/**
	 * Serializes a message to text; only for a JSON codec.
	 * @param message the message
	 * @return the JSON text
	 * @throws JacksonException when a payload cannot be serialized
	 */
	public String encodeToText(Wamp2Message message) {
		StringWriter out = new StringWriter(128);
		try (JsonGenerator gen = generators.createGenerator(mapper._serializationContext(), out)) {
			mapper.writeValue(gen, elements(message));
		}
		return out.toString();
	}

	/**
	 * Serializes a message in this codec's format.
	 * @param message the message
	 * @return the encoded bytes (UTF-8 for JSON)
	 * @throws JacksonException when a payload cannot be serialized
	 */
	public byte[] encodeToBytes(Wamp2Message message) {
		return mapper.writeValueAsBytes(elements(message));
	}

	private static List<Object> elements(Wamp2Message message) {
		List<Object> out = new ArrayList<>(7);
		out.add(message.typeId());
		if (message instanceof Hello m) {
			out.add(m.realm());
			out.add(m.details());
		}
		else if (message instanceof Welcome m) {
			out.add(m.session());
			out.add(m.details());
		}
		else if (message instanceof Abort m) {
			out.add(m.details());
			out.add(m.reason());
		}
		else if (message instanceof Challenge m) {
			out.add(m.authMethod());
			out.add(m.extra());
		}
		else if (message instanceof Authenticate m) {
			out.add(m.signature());
			out.add(m.extra());
		}
		else if (message instanceof Goodbye m) {
			out.add(m.details());
			out.add(m.reason());
		}
		else if (message instanceof Error m) {
			out.add(m.requestType());
			out.add(m.request());
			out.add(m.details());
			out.add(m.error());
			payload(out, m.arguments(), m.argumentsKw());
		}
		else if (message instanceof Publish m) {
			out.add(m.request());
			out.add(m.options());
			out.add(m.topic());
			payload(out, m.arguments(), m.argumentsKw());
		}
		else if (message instanceof Published m) {
			out.add(m.request());
			out.add(m.publication());
		}
		else if (message instanceof Subscribe m) {
			out.add(m.request());
			out.add(m.options());
			out.add(m.topic());
		}
		else if (message instanceof Subscribed m) {
			out.add(m.request());
			out.add(m.subscription());
		}
		else if (message instanceof Unsubscribe m) {
			out.add(m.request());
			out.add(m.subscription());
		}
		else if (message instanceof Unsubscribed m) {
			out.add(m.request());
		}
		else if (message instanceof Event m) {
			out.add(m.subscription());
			out.add(m.publication());
			out.add(m.details());
			payload(out, m.arguments(), m.argumentsKw());
		}
		else if (message instanceof Call m) {
			out.add(m.request());
			out.add(m.options());
			out.add(m.procedure());
			payload(out, m.arguments(), m.argumentsKw());
		}
		else if (message instanceof Cancel m) {
			out.add(m.request());
			out.add(m.options());
		}
		else if (message instanceof Result m) {
			out.add(m.request());
			out.add(m.details());
			payload(out, m.arguments(), m.argumentsKw());
		}
		else if (message instanceof Register m) {
			out.add(m.request());
			out.add(m.options());
			out.add(m.procedure());
		}
		else if (message instanceof Registered m) {
			out.add(m.request());
			out.add(m.registration());
		}
		else if (message instanceof Unregister m) {
			out.add(m.request());
			out.add(m.registration());
		}
		else if (message instanceof Unregistered m) {
			out.add(m.request());
		}
		else if (message instanceof Invocation m) {
			out.add(m.request());
			out.add(m.registration());
			out.add(m.details());
			payload(out, m.arguments(), m.argumentsKw());
		}
		else if (message instanceof Interrupt m) {
			out.add(m.request());
			out.add(m.options());
		}
		else if (message instanceof Yield m) {
			out.add(m.request());
			out.add(m.options());
			payload(out, m.arguments(), m.argumentsKw());
		}
		return out;
	}

	/**
	 * Appends {@code Arguments} and {@code ArgumentsKw}, leaving off empty trailing ones
	 * as the specification asks.
	 */
	private static void payload(List<Object> out, List<?> arguments, Map<String, ?> argumentsKw) {
		if (!argumentsKw.isEmpty()) {
			out.add(arguments);
			out.add(argumentsKw);
		}
		else if (!arguments.isEmpty()) {
			out.add(arguments);
		}
	}

	// ---- decoding

	/**
	 * Decodes a text frame from a client.
	 * @param text the frame
	 * @return the message
	 * @throws Wamp2ProtocolException when it is not a valid client message
	 */
	public Wamp2Message decodeFromClient(String text) {
		JsonNode node;
		try {
			node = reader.readTree(text);
		}
		catch (JacksonException ex) {
			throw new Wamp2ProtocolException("not " + format());
		}
		return decode(node);
	}

	/**
	 * Decodes a binary frame from a client.
	 * @param data the frame
	 * @return the message
	 * @throws Wamp2ProtocolException when it is not a valid client message
	 */
	public Wamp2Message decodeFromClient(byte[] data) {
		JsonNode node;
		try {
			node = reader.readTree(data);
		}
		catch (JacksonException ex) {
			throw new Wamp2ProtocolException("not " + format());
		}
		return decode(node);
	}

	private String format() {
		return binary ? "CBOR" : "JSON";
	}

	private Wamp2Message decode(JsonNode array) {
		if (array == null || array.isMissingNode()) {
			throw new Wamp2ProtocolException("no content");
		}
		if (!array.isArray()) {
			throw new Wamp2ProtocolException("not an array");
		}
		if (array.isEmpty()) {
			throw new Wamp2ProtocolException("empty array");
		}
		JsonNode typeNode = array.get(0);
		if (!typeNode.isIntegralNumber() || !typeNode.canConvertToInt()) {
			throw new Wamp2ProtocolException("type id is not an integer");
		}
		int type = typeNode.intValue();
		return switch (type) {
			case Wamp2Message.HELLO -> {
				size(array, 3, 3, "HELLO");
				yield new Hello(uri(array, 1, "HELLO", "Realm"), dict(array, 2, "HELLO", "Details"));
			}
			case Wamp2Message.ABORT -> {
				size(array, 3, 3, "ABORT");
				yield new Abort(map(dict(array, 1, "ABORT", "Details")), uri(array, 2, "ABORT", "Reason"));
			}
			case Wamp2Message.AUTHENTICATE -> {
				size(array, 3, 3, "AUTHENTICATE");
				yield new Authenticate(string(array, 1, "AUTHENTICATE", "Signature"),
						dict(array, 2, "AUTHENTICATE", "Extra"));
			}
			case Wamp2Message.GOODBYE -> {
				size(array, 3, 3, "GOODBYE");
				yield new Goodbye(map(dict(array, 1, "GOODBYE", "Details")), uri(array, 2, "GOODBYE", "Reason"));
			}
			case Wamp2Message.ERROR -> {
				size(array, 5, 7, "ERROR");
				JsonNode requestType = array.get(1);
				if (!requestType.isIntegralNumber() || !requestType.canConvertToInt()) {
					throw new Wamp2ProtocolException("ERROR: REQUEST.Type must be an integer");
				}
				if (requestType.intValue() != Wamp2Message.INVOCATION) {
					throw new Wamp2ProtocolException("ERROR: a client sends ERROR only for an INVOCATION");
				}
				yield new Error(Wamp2Message.INVOCATION, id(array, 2, "ERROR", "Request"),
						map(dict(array, 3, "ERROR", "Details")), uri(array, 4, "ERROR", "Error"),
						arguments(array, 5, "ERROR"), argumentsKw(array, 6, "ERROR"));
			}
			case Wamp2Message.PUBLISH -> {
				size(array, 4, 6, "PUBLISH");
				yield new Publish(id(array, 1, "PUBLISH", "Request"), dict(array, 2, "PUBLISH", "Options"),
						string(array, 3, "PUBLISH", "Topic"), arguments(array, 4, "PUBLISH"),
						argumentsKw(array, 5, "PUBLISH"));
			}
			case Wamp2Message.SUBSCRIBE -> {
				size(array, 4, 4, "SUBSCRIBE");
				yield new Subscribe(id(array, 1, "SUBSCRIBE", "Request"), dict(array, 2, "SUBSCRIBE", "Options"),
						string(array, 3, "SUBSCRIBE", "Topic"));
			}
			case Wamp2Message.UNSUBSCRIBE -> {
				size(array, 3, 3, "UNSUBSCRIBE");
				yield new Unsubscribe(id(array, 1, "UNSUBSCRIBE", "Request"),
						id(array, 2, "UNSUBSCRIBE", "Subscription"));
			}
			case Wamp2Message.CALL -> {
				size(array, 4, 6, "CALL");
				yield new Call(id(array, 1, "CALL", "Request"), dict(array, 2, "CALL", "Options"),
						string(array, 3, "CALL", "Procedure"), arguments(array, 4, "CALL"),
						argumentsKw(array, 5, "CALL"));
			}
			case Wamp2Message.CANCEL -> {
				size(array, 3, 3, "CANCEL");
				yield new Cancel(id(array, 1, "CANCEL", "Request"), dict(array, 2, "CANCEL", "Options"));
			}
			case Wamp2Message.REGISTER -> {
				size(array, 4, 4, "REGISTER");
				yield new Register(id(array, 1, "REGISTER", "Request"), dict(array, 2, "REGISTER", "Options"),
						string(array, 3, "REGISTER", "Procedure"));
			}
			case Wamp2Message.UNREGISTER -> {
				size(array, 3, 3, "UNREGISTER");
				yield new Unregister(id(array, 1, "UNREGISTER", "Request"), id(array, 2, "UNREGISTER", "Registration"));
			}
			case Wamp2Message.YIELD -> {
				size(array, 3, 5, "YIELD");
				yield new Yield(id(array, 1, "YIELD", "Request"), dict(array, 2, "YIELD", "Options"),
						arguments(array, 3, "YIELD"), argumentsKw(array, 4, "YIELD"));
			}
			case Wamp2Message.WELCOME, Wamp2Message.CHALLENGE, Wamp2Message.PUBLISHED, Wamp2Message.SUBSCRIBED,
					Wamp2Message.UNSUBSCRIBED, Wamp2Message.EVENT, Wamp2Message.RESULT, Wamp2Message.REGISTERED,
					Wamp2Message.UNREGISTERED, Wamp2Message.INVOCATION, Wamp2Message.INTERRUPT ->
				throw new Wamp2ProtocolException("type id " + type + " is sent by routers only");
			default -> throw new Wamp2ProtocolException("unknown type id " + type);
		};
	}

	private static void size(JsonNode array, int min, int max, String type) {
		if (array.size() < min) {
			throw new Wamp2ProtocolException(type + ": too few elements");
		}
		if (array.size() > max) {
			throw new Wamp2ProtocolException(type + ": too many elements");
		}
	}

	private static long id(JsonNode array, int index, String type, String field) {
		JsonNode node = array.get(index);
		if (!node.isIntegralNumber() || !node.canConvertToLong()) {
			throw new Wamp2ProtocolException(type + ": " + field + " must be an integer id");
		}
		long id = node.longValue();
		if (id < 1 || id > Wamp2Message.MAX_ID) {
			throw new Wamp2ProtocolException(type + ": " + field + " must be between 1 and 2^53");
		}
		return id;
	}

	private static JsonNode dict(JsonNode array, int index, String type, String field) {
		JsonNode node = array.get(index);
		if (!node.isObject()) {
			throw new Wamp2ProtocolException(type + ": " + field + " must be a dictionary");
		}
		return node;
	}

	private static String string(JsonNode array, int index, String type, String field) {
		JsonNode node = array.get(index);
		if (!node.isString()) {
			throw new Wamp2ProtocolException(type + ": " + field + " must be a string");
		}
		return node.stringValue();
	}

	/**
	 * A URI of the message layout that has no ERROR to answer it with (a realm, a reason,
	 * an error URI): any {@link #uriProblem problem} is a protocol violation.
	 */
	private String uri(JsonNode array, int index, String type, String field) {
		String value = string(array, index, type, field);
		String problem = uriProblem(value, true);
		if (problem != null) {
			throw new Wamp2ProtocolException(type + ": " + field + " " + problem);
		}
		return value;
	}

	/**
	 * What is wrong with a URI, by the specification's loose rule (no whitespace, no
	 * empty component), which also allows the {@code #} and {@code :} of WAMP v1 URIs so
	 * that v2 clients can name v1 topics and procedures; the strict rule (lower-case
	 * letters, digits and {@code _}) is only recommended and not enforced. The topics and
	 * procedures of SUBSCRIBE, PUBLISH, CALL and REGISTER are decoded as any string and
	 * checked by the session with this, to answer ERROR {@code wamp.error.invalid_uri}.
	 * @param uri the URI
	 * @param emptyComponents whether empty components are allowed (a pattern-based
	 * subscription)
	 * @return the problem ({@code "is empty"}, {@code "contains whitespace"}, ...), or
	 * {@code null} for a valid URI
	 */
	public @Nullable String uriProblem(String uri, boolean emptyComponents) {
		if (uri.isEmpty()) {
			return "is empty";
		}
		if (uri.length() > maxUriLength) {
			return "longer than " + maxUriLength + " characters";
		}
		for (int i = 0; i < uri.length(); i++) {
			if (Character.isWhitespace(uri.charAt(i))) {
				return "contains whitespace";
			}
		}
		if (!emptyComponents && (uri.startsWith(".") || uri.endsWith(".") || uri.contains(".."))) {
			return "has an empty component";
		}
		return null;
	}

	private static List<JsonNode> arguments(JsonNode array, int index, String type) {
		if (array.size() <= index) {
			return List.of();
		}
		JsonNode node = array.get(index);
		if (!node.isArray()) {
			throw new Wamp2ProtocolException(type + ": Arguments must be a list");
		}
		List<JsonNode> values = new ArrayList<>(node.size());
		node.forEach(values::add);
		return Collections.unmodifiableList(values);
	}

	private static Map<String, JsonNode> argumentsKw(JsonNode array, int index, String type) {
		if (array.size() <= index) {
			return Map.of();
		}
		JsonNode node = array.get(index);
		if (!node.isObject()) {
			throw new Wamp2ProtocolException(type + ": ArgumentsKw must be a dictionary");
		}
		return map(node);
	}

	private static Map<String, JsonNode> map(JsonNode dict) {
		if (dict.isEmpty()) {
			return Map.of();
		}
		Map<String, JsonNode> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> property : dict.properties()) {
			values.put(property.getKey(), property.getValue());
		}
		return Collections.unmodifiableMap(values);
	}

}
