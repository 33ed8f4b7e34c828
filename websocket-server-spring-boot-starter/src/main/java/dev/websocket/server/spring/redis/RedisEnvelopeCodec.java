package dev.websocket.server.spring.redis;

import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.Set;

import dev.websocket.server.wamp.topic.Publication;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the compact JSON envelope a {@link RedisBroker} sends through Redis:
 * <pre>{"o":origin,"t":topicUri,"x":[exclude…],"g":[eligible…],"u":user,"e":event}</pre>
 * {@code x} is left out when empty, {@code g} and {@code u} when absent. The origin comes
 * first so that a node can drop its own envelopes without reading the event. Thread-safe.
 */
final class RedisEnvelopeCodec {

	private static final String ORIGIN = "o";

	private static final String TOPIC = "t";

	private static final String EXCLUDE = "x";

	private static final String ELIGIBLE = "g";

	private static final String USER = "u";

	private static final String EVENT = "e";

	private final JsonMapper mapper;

	RedisEnvelopeCodec(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Serializes a publication once, writing its event as a JSON value.
	 * @param origin the publishing node's id
	 * @param publication the publication
	 * @return the envelope's UTF-8 bytes
	 * @throws tools.jackson.core.JacksonException when the event cannot be serialized
	 */
	byte[] encode(String origin, Publication publication) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(128);
		try (JsonGenerator generator = this.mapper.createGenerator(out)) {
			generator.writeStartObject();
			generator.writeStringProperty(ORIGIN, origin);
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
			generator.writeEndObject();
		}
		return out.toByteArray();
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
		try (JsonParser parser = this.mapper.createParser(bytes)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("Envelope is not a JSON object");
			}
			String origin = null;
			String topic = null;
			Set<String> exclude = Set.of();
			Set<String> eligible = null;
			String user = null;
			JsonNode event = null;
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
					case TOPIC -> topic = string(parser, name);
					case EXCLUDE -> exclude = strings(parser, name);
					case ELIGIBLE -> eligible = strings(parser, name);
					case USER -> user = string(parser, name);
					case EVENT -> event = parser.readValueAsTree();
					default -> parser.skipChildren();
				}
			}
			if (origin == null || topic == null) {
				throw new IllegalArgumentException("Envelope lacks its origin or topic");
			}
			Object payload = (event == null || event.isNull()) ? null : event;
			return new RedisEnvelope(origin, new Publication(topic, payload, exclude, eligible, user));
		}
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
