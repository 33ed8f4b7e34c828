package dev.websocket.server.spring.annotation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.UUID;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Names a parameter type the way a client sees its values, in JSON terms: a
 * {@code List<BigDecimal>} expects "an array of numbers", an {@code int} "an integer", a
 * record "an object". Error descriptions use these words, never Java type names.
 */
final class JsonTerms {

	private static final Set<Class<?>> INTEGERS = Set.of(Byte.class, Short.class, Integer.class, Long.class,
			BigInteger.class);

	private static final Set<Class<?>> NUMBERS = Set.of(Float.class, Double.class, BigDecimal.class, Number.class);

	/** Types besides text that Jackson reads from JSON strings. */
	private static final Set<Class<?>> STRINGS = Set.of(UUID.class, URI.class, Locale.class);

	private JsonTerms() {
	}

	/**
	 * @param type a parameter type (an {@code Optional} already unwrapped)
	 * @return what a value of it is in JSON, with its article, e.g. "an array of numbers"
	 */
	static String describe(ResolvableType type) {
		return term(type).singular();
	}

	private static Term term(ResolvableType type) {
		Class<?> raw = ClassUtils.resolvePrimitiveIfNecessary(type.resolve(Object.class));
		if (raw == Boolean.class) {
			return new Term("a boolean", "booleans");
		}
		if (INTEGERS.contains(raw)) {
			return new Term("an integer", "integers");
		}
		if (NUMBERS.contains(raw)) {
			return new Term("a number", "numbers");
		}
		if (CharSequence.class.isAssignableFrom(raw) || raw == Character.class || raw.isEnum() || raw == byte[].class
				|| STRINGS.contains(raw) || raw.getName().startsWith("java.time.")) {
			return new Term("a string", "strings");
		}
		if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
			ResolvableType element = raw.isArray() ? type.getComponentType() : type.asCollection().getGeneric(0);
			String elements = term(element).plural();
			return new Term("an array of " + elements, "arrays of " + elements);
		}
		if (ArrayNode.class.isAssignableFrom(raw)) {
			return new Term("an array", "arrays");
		}
		if (raw == Object.class || raw == JsonNode.class) {
			return new Term("any JSON value", "JSON values");
		}
		// maps, records, beans and ObjectNode
		return new Term("an object", "objects");
	}

	private record Term(String singular, String plural) {
	}

}
