package dev.websocket.server.spring.annotation;

import java.util.Collection;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;

/**
 * Converts a JSON value to the declared type of one parameter with the application's
 * Jackson mapper; the reader is built once at start-up.
 */
final class ValueConverter {

	private final JsonMapper mapper;

	private final Class<?> rawType;

	private final JavaType javaType;

	private final ObjectReader reader;

	private final boolean optional;

	private final boolean tree;

	private final String expected;

	ValueConverter(JsonMapper mapper, MethodParameter parameter) {
		this.mapper = mapper;
		ResolvableType type = ResolvableType.forMethodParameter(parameter);
		this.optional = (parameter.getParameterType() == Optional.class);
		if (this.optional) {
			type = type.getGeneric(0);
		}
		Class<?> raw = type.resolve(Object.class);
		this.rawType = raw;
		this.javaType = mapper.constructType(type.getType());
		this.reader = mapper.readerFor(this.javaType);
		this.tree = JsonNode.class.isAssignableFrom(raw);
		this.expected = displayName(type);
	}

	/** Whether the parameter is an {@code Optional}, which a caller may leave out. */
	boolean optional() {
		return this.optional;
	}

	/**
	 * Whether the (unwrapped) type is a collection or an array, which receives a list.
	 */
	boolean multiValued() {
		return this.rawType.isArray() || Collection.class.isAssignableFrom(this.rawType);
	}

	/** The expected type as messages name it, e.g. {@code List<BigDecimal>}. */
	String expected() {
		return this.expected;
	}

	/** The value for an argument the caller left out. */
	@Nullable Object missing() {
		return (this.optional) ? Optional.empty() : null;
	}

	/**
	 * @param node the JSON value
	 * @return the converted value, wrapped for an {@code Optional} parameter
	 * @throws IllegalArgumentException when it does not convert
	 */
	@Nullable Object convert(@Nullable JsonNode node) {
		Object value;
		if (node == null || (node.isNull() && !this.tree)) {
			value = null;
		}
		else if (this.tree) {
			if (!this.rawType.isInstance(node)) {
				throw new IllegalArgumentException("not a " + this.expected);
			}
			value = node;
		}
		else {
			value = this.reader.readValue(node);
		}
		return finish(value);
	}

	/**
	 * @param value an event as the engine holds it (a JSON tree, or a Java value from the
	 * server)
	 * @return the converted value
	 * @throws IllegalArgumentException when it does not convert
	 */
	@Nullable Object convertObject(@Nullable Object value) {
		if (value == null || value instanceof JsonNode) {
			return convert((JsonNode) value);
		}
		if (this.rawType.isInstance(value)) {
			return finish(value);
		}
		return finish(this.mapper.convertValue(value, this.javaType));
	}

	private @Nullable Object finish(@Nullable Object value) {
		if (this.optional) {
			return Optional.ofNullable(value);
		}
		if (value == null && this.rawType.isPrimitive()) {
			throw new IllegalArgumentException("null for a " + this.expected);
		}
		return value;
	}

	static String displayName(ResolvableType type) {
		return type.toString().replaceAll("\\b[a-z][a-z0-9_]*\\.", "").replace('$', '.');
	}

}
