package dev.websocket.server.spring.annotation;

import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.util.Collection;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.core.Nullness;
import org.springframework.core.ResolvableType;

/**
 * Converts a JSON value to the declared type of one parameter with the application's
 * Jackson mapper; the reader is built once at start-up.
 *
 * <p>
 * Nullness follows JSpecify where the code declares it: in {@code @NullMarked} code a
 * parameter without {@code @Nullable} refuses a JSON {@code null}, and a collection or
 * array parameter refuses {@code null} elements unless its element type is
 * {@code @Nullable} ({@code List<@Nullable String>}); where nullness is unspecified,
 * {@code null} passes as before. A refused value fails like any value that does not
 * convert, so the caller gets an invalid argument instead of the handler a
 * {@code NullPointerException}.
 */
final class ValueConverter {

	private final JsonMapper mapper;

	private final Class<?> rawType;

	private final JavaType javaType;

	private final ObjectReader reader;

	private final boolean optional;

	private final boolean tree;

	private final String expected;

	private final boolean nullable;

	private final boolean elementsNullable;

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
		this.expected = JsonTerms.describe(type);
		Nullness nullness = Nullness.forMethodParameter(parameter);
		this.nullable = this.optional || nullness != Nullness.NON_NULL;
		this.elementsNullable = nullness == Nullness.UNSPECIFIED
				|| nullableElements(parameter.getParameter().getAnnotatedType(), this.optional);
	}

	/**
	 * Whether the element type of a collection or array is {@code @Nullable}; true when
	 * it cannot be told (a raw or non-generic collection type).
	 */
	private static boolean nullableElements(AnnotatedType type, boolean optional) {
		AnnotatedType declared = type;
		if (optional) {
			if (!(declared instanceof AnnotatedParameterizedType optionalType)) {
				return true;
			}
			declared = optionalType.getAnnotatedActualTypeArguments()[0];
		}
		AnnotatedType element;
		if (declared instanceof AnnotatedArrayType array) {
			element = array.getAnnotatedGenericComponentType();
		}
		else if (declared instanceof AnnotatedParameterizedType generic
				&& generic.getAnnotatedActualTypeArguments().length == 1) {
			element = generic.getAnnotatedActualTypeArguments()[0];
		}
		else {
			return true;
		}
		return element.isAnnotationPresent(Nullable.class);
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

	/**
	 * The expected value in JSON terms, as messages name it, e.g. "an array of numbers".
	 */
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
		if (value == null) {
			if (this.optional) {
				return Optional.empty();
			}
			if (!this.nullable || this.rawType.isPrimitive()) {
				throw new IllegalArgumentException("null for " + this.expected);
			}
			return null;
		}
		if (!this.elementsNullable && hasNullElement(value)) {
			throw new IllegalArgumentException("a null element in " + this.expected);
		}
		return (this.optional) ? Optional.of(value) : value;
	}

	private static boolean hasNullElement(Object value) {
		if (value instanceof Collection<?> collection) {
			// not contains(null): immutable collections throw on it
			for (Object element : collection) {
				if (element == null) {
					return true;
				}
			}
		}
		else if (value instanceof Object[] array) {
			for (Object element : array) {
				if (element == null) {
					return true;
				}
			}
		}
		return false;
	}

}
