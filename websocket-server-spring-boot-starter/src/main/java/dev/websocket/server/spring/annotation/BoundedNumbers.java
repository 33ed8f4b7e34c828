package dev.websocket.server.spring.annotation;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Bounds on the {@link BigDecimal} and {@link BigInteger} values that CALL arguments and
 * published events are converted to, checked before any arithmetic: a 36-byte CALL
 * carrying {@code "1e100000"} must not cost seconds of big-number work on an event loop
 * (in conversion, or later in the handler that adds it up).
 *
 * <p>
 * A number may have at most {@code maxDigits} significant digits and an exponent (in
 * scientific notation, {@code 1.5e3} has exponent 3) within {@code ±maxExponent}; a value
 * over either bound fails its conversion with a {@link NumberBoundsException}, answered
 * as an invalid argument naming the argument. The bounds apply wherever such a value is
 * bound: a parameter, a list element, a record component.
 *
 * @param maxDigits most significant digits of a number
 * @param maxExponent largest absolute decimal exponent of a number
 */
record BoundedNumbers(int maxDigits, int maxExponent) {

	/** The default bounds: 1,000 digits, exponents within ±1,000. */
	static final BoundedNumbers DEFAULT = new BoundedNumbers(1000, 1000);

	/** Characters a number's text may have beyond its digits: sign, point, exponent. */
	private static final int NOTATION_SLACK = 16;

	BoundedNumbers {
		if (maxDigits < 1 || maxExponent < 0) {
			throw new IllegalArgumentException(
					"maxDigits must be positive and maxExponent not negative: " + maxDigits + ", " + maxExponent);
		}
	}

	/**
	 * @param mapper the application's mapper
	 * @return a mapper like it whose {@code BigDecimal} and {@code BigInteger}
	 * conversions honour these bounds
	 */
	JsonMapper apply(JsonMapper mapper) {
		SimpleModule module = new SimpleModule("websocket-server-bounded-numbers");
		module.addDeserializer(BigDecimal.class, new BigDecimalDeserializer(this));
		module.addDeserializer(BigInteger.class, new BigIntegerDeserializer(this));
		return mapper.rebuild().addModule(module).build();
	}

	/**
	 * @param value a number
	 * @return it, when within bounds
	 * @throws NumberBoundsException when over a bound
	 */
	BigDecimal check(BigDecimal value) {
		int precision = value.precision();
		if (precision > this.maxDigits) {
			throw new NumberBoundsException("a number has more than " + this.maxDigits + " digits");
		}
		// the exponent of the first digit in scientific notation: 1.5e3 is 15 with scale
		// -2
		long exponent = (long) precision - value.scale() - 1;
		if (value.signum() != 0 && Math.abs(exponent) > this.maxExponent) {
			throw new NumberBoundsException("a number's exponent is beyond ±" + this.maxExponent);
		}
		return value;
	}

	private BigInteger check(BigInteger value) {
		// bitLength is cheap where counting decimal digits is not; a number of maxDigits
		// digits has at most this many bits, so none within bounds is refused (one a
		// digit
		// over may pass)
		if (value.bitLength() > (long) Math.ceil(this.maxDigits * 3.3219280948873626)) {
			throw new NumberBoundsException("a number has more than " + this.maxDigits + " digits");
		}
		return value;
	}

	private String checkText(String text) {
		if (text.length() > this.maxDigits + NOTATION_SLACK) {
			throw new NumberBoundsException("a number has more than " + this.maxDigits + " digits");
		}
		return text.trim();
	}

	/**
	 * @param failure why a conversion failed (Jackson wraps what a deserializer throws)
	 * @return the bound a number broke, or {@code null} when that was not why
	 */
	static @Nullable String violation(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof NumberBoundsException) {
				return cause.getMessage();
			}
		}
		return null;
	}

	/** A number over a bound of {@link BoundedNumbers}; its message says which. */
	static final class NumberBoundsException extends IllegalArgumentException {

		NumberBoundsException(String message) {
			super(message);
		}

	}

	/** JSON numbers and numeric strings to {@code BigDecimal}, bounded. */
	private static final class BigDecimalDeserializer extends StdScalarDeserializer<BigDecimal> {

		private final BoundedNumbers bounds;

		BigDecimalDeserializer(BoundedNumbers bounds) {
			super(BigDecimal.class);
			this.bounds = bounds;
		}

		@Override
		public BigDecimal deserialize(JsonParser parser, DeserializationContext context) {
			JsonToken token = parser.currentToken();
			if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
				return this.bounds.check(parser.getDecimalValue());
			}
			if (token == JsonToken.VALUE_STRING) {
				String text = this.bounds.checkText(parser.getString());
				try {
					return this.bounds.check(new BigDecimal(text));
				}
				catch (NumberFormatException ex) {
					return (BigDecimal) context.handleWeirdStringValue(BigDecimal.class, text, "not a number");
				}
			}
			return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
		}

	}

	/**
	 * JSON integers and integral strings to {@code BigInteger}, bounded; a JSON number
	 * with a fraction is truncated as Jackson does, after its bounds are checked (the
	 * expansion of {@code 1e100000} is what costs).
	 */
	private static final class BigIntegerDeserializer extends StdScalarDeserializer<BigInteger> {

		private final BoundedNumbers bounds;

		BigIntegerDeserializer(BoundedNumbers bounds) {
			super(BigInteger.class);
			this.bounds = bounds;
		}

		@Override
		public BigInteger deserialize(JsonParser parser, DeserializationContext context) {
			JsonToken token = parser.currentToken();
			if (token == JsonToken.VALUE_NUMBER_INT) {
				return this.bounds.check(parser.getBigIntegerValue());
			}
			if (token == JsonToken.VALUE_NUMBER_FLOAT) {
				return this.bounds.check(parser.getDecimalValue()).toBigInteger();
			}
			if (token == JsonToken.VALUE_STRING) {
				String text = this.bounds.checkText(parser.getString());
				try {
					return this.bounds.check(new BigInteger(text));
				}
				catch (NumberFormatException ex) {
					return (BigInteger) context.handleWeirdStringValue(BigInteger.class, text, "not an integer");
				}
			}
			return (BigInteger) context.handleUnexpectedToken(BigInteger.class, parser);
		}

	}

}
