package dev.websocket.server.spring.redis;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.websocket.server.wamp.topic.Publication;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the compact JSON envelope a {@link RedisBroker} sends through Redis:
 * <pre>{"o":origin,"s":sequence,"t":topicUri,"x":[exclude…],"g":[eligible…],"u":user,"e":event,"w":{…}}</pre>
 * {@code x} is left out when empty, {@code g}, {@code u} and {@code w} when absent. The
 * origin comes first so that a node can drop its own envelopes without reading the event.
 * {@code w} carries what a WAMP v2 publisher added ({@link Publication.Wamp2}):
 * <pre>{"i":publicationId,"a":[args…],"k":{kwargs…},"p":publisher,"pi":authid,"pr":authrole,
 *  "xi":[exclude_authid…],"gi":[eligible_authid…],"xr":[exclude_authrole…],"gr":[eligible_authrole…]}</pre>
 * with {@code a} absent when v2 subscribers get {@code [event]}, and empty or absent
 * fields left out.
 *
 * <p>
 * Events are written with the given mapper (the server codec's, so a node writes an event
 * as it would write it to its own subscribers) and read back exactly: floating-point
 * numbers as {@link java.math.BigDecimal}s as written (so {@code 1e400} and {@code 0.10}
 * reach the other node's subscribers as they reach this node's, never as {@code Infinity}
 * or {@code 0.1}). Thread-safe.
 */
final class RedisEnvelopeCodec {

	private static final String ORIGIN = "o";

	private static final String TOPIC = "t";

	private static final String EXCLUDE = "x";

	private static final String ELIGIBLE = "g";

	private static final String USER = "u";

	private static final String EVENT = "e";

	private static final String SEQUENCE = "s";

	private static final String WAMP2 = "w";

	private static final String PUBLICATION_ID = "i";

	private static final String ARGUMENTS = "a";

	private static final String ARGUMENTS_KW = "k";

	private static final String PUBLISHER = "p";

	private static final String PUBLISHER_AUTHID = "pi";

	private static final String PUBLISHER_AUTHROLE = "pr";

	private static final String EXCLUDE_AUTHID = "xi";

	private static final String ELIGIBLE_AUTHID = "gi";

	private static final String EXCLUDE_AUTHROLE = "xr";

	private static final String ELIGIBLE_AUTHROLE = "gr";

	private final JsonMapper mapper;

	/** Reads envelopes keeping every number as written. */
	private final JsonMapper reader;

	RedisEnvelopeCodec(JsonMapper mapper) {
		this.mapper = mapper;
		// the envelopes come from our own nodes, which bounded every number on the way in
		JsonFactory factory = JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE).build())
			.build();
		this.reader = JsonMapper.builder(factory)
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
			.build();
	}

	/** The mapper that reads envelopes, keeping numbers as written. */
	JsonMapper reader() {
		return this.reader;
	}

	/**
	 * Serializes a publication once, writing its event as a JSON value.
	 * @param origin the publishing node's id
	 * @param sequence the publishing node's number for this envelope
	 * @param publication the publication
	 * @return the envelope's UTF-8 bytes
	 * @throws tools.jackson.core.JacksonException when the event cannot be serialized
	 */
	byte[] encode(String origin, long sequence, Publication publication) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(128);
		try (JsonGenerator generator = this.mapper.createGenerator(out)) {
			generator.writeStartObject();
			generator.writeStringProperty(ORIGIN, origin);
			generator.writeNumberProperty(SEQUENCE, sequence);
			generator.writeStringProperty(TOPIC, publication.topicUri());
			if (!publication.exclude().isEmpty()) {
				writeStrings(generator, EXCLUDE, publication.exclude());
			}
			Set<String> eligible = publication.eligible();
			if (eligible != null) {
				writeStrings(generator, ELIGIBLE, eligible);
			}
			String user = publication.user();
			if (user != null) {
				generator.writeStringProperty(USER, user);
			}
			generator.writeName(EVENT);
			generator.writePOJO(publication.event());
			Publication.Wamp2 wamp2 = publication.wamp2();
			if (wamp2 != null) {
				writeWamp2(generator, wamp2);
			}
			generator.writeEndObject();
		}
		return out.toByteArray();
	}

	private static void writeWamp2(JsonGenerator generator, Publication.Wamp2 wamp2) {
		generator.writeObjectPropertyStart(WAMP2);
		generator.writeNumberProperty(PUBLICATION_ID, wamp2.publicationId());
		List<?> arguments = wamp2.arguments();
		if (arguments != null) {
			generator.writeArrayPropertyStart(ARGUMENTS);
			for (Object argument : arguments) {
				generator.writePOJO(argument);
			}
			generator.writeEndArray();
			if (!wamp2.argumentsKw().isEmpty()) {
				generator.writeName(ARGUMENTS_KW);
				generator.writePOJO(wamp2.argumentsKw());
			}
		}
		if (wamp2.publisher() != 0) {
			generator.writeNumberProperty(PUBLISHER, wamp2.publisher());
			if (wamp2.publisherAuthid() != null) {
				generator.writeStringProperty(PUBLISHER_AUTHID, wamp2.publisherAuthid());
			}
			if (wamp2.publisherAuthrole() != null) {
				generator.writeStringProperty(PUBLISHER_AUTHROLE, wamp2.publisherAuthrole());
			}
		}
		if (!wamp2.excludeAuthid().isEmpty()) {
			writeStrings(generator, EXCLUDE_AUTHID, wamp2.excludeAuthid());
		}
		Set<String> eligibleAuthid = wamp2.eligibleAuthid();
		if (eligibleAuthid != null) {
			writeStrings(generator, ELIGIBLE_AUTHID, eligibleAuthid);
		}
		if (!wamp2.excludeAuthrole().isEmpty()) {
			writeStrings(generator, EXCLUDE_AUTHROLE, wamp2.excludeAuthrole());
		}
		Set<String> eligibleAuthrole = wamp2.eligibleAuthrole();
		if (eligibleAuthrole != null) {
			writeStrings(generator, ELIGIBLE_AUTHROLE, eligibleAuthrole);
		}
		generator.writeEndObject();
	}

	private static void writeStrings(JsonGenerator generator, String name, Set<String> values) {
		generator.writeArrayPropertyStart(name);
		for (String value : values) {
			generator.writeString(value);
		}
		generator.writeEndArray();
	}

	/**
	 * Reads an envelope.
	 * @param bytes the envelope's bytes
	 * @param ownOrigin this node's id
	 * @return the envelope, or {@code null} when it came from {@code ownOrigin}
	 * @throws IllegalArgumentException or {@link tools.jackson.core.JacksonException}
	 * when the bytes are not an envelope
	 */
	@Nullable RedisEnvelope decode(byte[] bytes, String ownOrigin) {
		try (JsonParser parser = this.reader.createParser(bytes)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("Envelope is not a JSON object");
			}
			String origin = null;
			long sequence = 0;
			String topic = null;
			Set<String> exclude = Set.of();
			Set<String> eligible = null;
			String user = null;
			JsonNode event = null;
			Publication.Wamp2 wamp2 = null;
			String name;
			while ((name = parser.nextName()) != null) {
				parser.nextToken();
				switch (name) {
					case ORIGIN -> {
						origin = string(parser, name);
						if (origin.equals(ownOrigin)) {
							return null;
						}
					}
					case SEQUENCE -> sequence = number(parser, name);
					case TOPIC -> topic = string(parser, name);
					case EXCLUDE -> exclude = strings(parser, name);
					case ELIGIBLE -> eligible = strings(parser, name);
					case USER -> user = string(parser, name);
					case EVENT -> event = parser.readValueAsTree();
					case WAMP2 -> wamp2 = readWamp2(parser);
					default -> parser.skipChildren();
				}
			}
			if (origin == null || topic == null) {
				throw new IllegalArgumentException("Envelope lacks its origin or topic");
			}
			Object payload = (event == null || event.isNull()) ? null : event;
			return new RedisEnvelope(origin, sequence, new Publication(topic, payload, exclude, eligible, user, wamp2));
		}
	}

	private static Publication.Wamp2 readWamp2(JsonParser parser) {
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			throw new IllegalArgumentException("Envelope field '" + WAMP2 + "' is not an object");
		}
		long publicationId = 0;
		List<JsonNode> arguments = null;
		Map<String, JsonNode> argumentsKw = Map.of();
		long publisher = 0;
		String publisherAuthid = null;
		String publisherAuthrole = null;
		Set<String> excludeAuthid = Set.of();
		Set<String> eligibleAuthid = null;
		Set<String> excludeAuthrole = Set.of();
		Set<String> eligibleAuthrole = null;
		String name;
		while ((name = parser.nextName()) != null) {
			parser.nextToken();
			switch (name) {
				case PUBLICATION_ID -> publicationId = number(parser, name);
				case ARGUMENTS -> arguments = list(parser.readValueAsTree(), name);
				case ARGUMENTS_KW -> argumentsKw = map(parser.readValueAsTree(), name);
				case PUBLISHER -> publisher = number(parser, name);
				case PUBLISHER_AUTHID -> publisherAuthid = string(parser, name);
				case PUBLISHER_AUTHROLE -> publisherAuthrole = string(parser, name);
				case EXCLUDE_AUTHID -> excludeAuthid = strings(parser, name);
				case ELIGIBLE_AUTHID -> eligibleAuthid = strings(parser, name);
				case EXCLUDE_AUTHROLE -> excludeAuthrole = strings(parser, name);
				case ELIGIBLE_AUTHROLE -> eligibleAuthrole = strings(parser, name);
				default -> parser.skipChildren();
			}
		}
		return new Publication.Wamp2(publicationId, arguments, argumentsKw, publisher, publisherAuthid,
				publisherAuthrole, excludeAuthid, eligibleAuthid, excludeAuthrole, eligibleAuthrole);
	}

	private static List<JsonNode> list(JsonNode node, String name) {
		if (!node.isArray()) {
			throw new IllegalArgumentException("Envelope field '" + name + "' is not an array");
		}
		List<JsonNode> values = new ArrayList<>(node.size());
		node.forEach(values::add);
		return values;
	}

	private static Map<String, JsonNode> map(JsonNode node, String name) {
		if (!node.isObject()) {
			throw new IllegalArgumentException("Envelope field '" + name + "' is not an object");
		}
		Map<String, JsonNode> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			values.put(entry.getKey(), entry.getValue());
		}
		return values;
	}

	private static long number(JsonParser parser, String name) {
		if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
			throw new IllegalArgumentException("Envelope field '" + name + "' is not an integer");
		}
		return parser.getLongValue();
	}

	private static String string(JsonParser parser, String name) {
		if (parser.currentToken() != JsonToken.VALUE_STRING) {
			throw new IllegalArgumentException("Envelope field '" + name + "' is not a string");
		}
		return parser.getString();
	}

	private static Set<String> strings(JsonParser parser, String name) {
		if (parser.currentToken() != JsonToken.START_ARRAY) {
			throw new IllegalArgumentException("Envelope field '" + name + "' is not an array");
		}
		Set<String> values = new HashSet<>();
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			values.add(string(parser, name));
		}
		return values;
	}

}
