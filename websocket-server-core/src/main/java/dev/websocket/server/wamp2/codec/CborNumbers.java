package dev.websocket.server.wamp2.codec;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.util.JsonGeneratorDecorator;
import tools.jackson.core.util.JsonGeneratorDelegate;

/**
 * Writes numbers in CBOR as a JSON client would read the same value from
 * {@code wamp.2.json}: an integer as a CBOR integer in its smallest width, a fraction as
 * a float.
 *
 * <p>
 * Jackson writes every {@link BigInteger} as a bignum (tag 2 or 3 around a byte string),
 * however small, and every {@link BigDecimal} as a decimal fraction (tag 4). Handlers
 * return them (a sum of {@code BigDecimal}s, numbers a JSON client sent that were read
 * exactly), and common CBOR decoders turn a bignum into a big integer type that the
 * application cannot use as a number (the {@code cbor} package under Autobahn|JS gives a
 * JavaScript {@code BigInt}, which {@code JSON.stringify} refuses) and leave tag 4 as an
 * opaque tagged value. So a {@code BigInteger} that fits in 64 signed bits is written as
 * a CBOR integer (the smallest of 1, 2, 4 or 8 bytes, which Jackson's
 * {@code WRITE_MINIMAL_INTS} picks), a larger one as a standard bignum (RFC 8949, section
 * 3.4.3); a {@code BigDecimal} without a fraction as that integer (up to 40 digits); any
 * other {@code BigDecimal} as the nearest double, as a JSON parser would read its text.
 * Only a decimal no double can hold (0 or infinite as a double) keeps its decimal
 * fraction (tag 4): no precision is lost that the JSON path would not lose as well.
 */
final class CborNumbers implements JsonGeneratorDecorator {

	private static final int LONG_BITS = 63;

	/**
	 * The most digits of an integral decimal written as an integer (a long or a bignum);
	 * beyond, as a double, so that an exponent like {@code 1E+1000000} is never expanded.
	 */
	private static final int MAX_INTEGER_DIGITS = 40;

	@Override
	public JsonGenerator decorate(TokenStreamFactory factory, JsonGenerator generator) {
		return new Generator(generator);
	}

	private static final class Generator extends JsonGeneratorDelegate {

		Generator(JsonGenerator delegate) {
			super(delegate, true);
		}

		@Override
		public JsonGenerator writeNumber(@Nullable BigInteger value) throws JacksonException {
			if (value != null && value.bitLength() <= LONG_BITS) {
				return super.writeNumber(value.longValue());
			}
			return super.writeNumber(value);
		}

		@Override
		public JsonGenerator writeNumber(@Nullable BigDecimal value) throws JacksonException {
			if (value == null) {
				return super.writeNumber(value);
			}
			BigDecimal stripped = value.stripTrailingZeros();
			if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= MAX_INTEGER_DIGITS) {
				return writeNumber(stripped.toBigIntegerExact());
			}
			double approximation = value.doubleValue();
			if (Double.isFinite(approximation) && approximation != 0) {
				return super.writeNumber(approximation);
			}
			return super.writeNumber(value);
		}

	}

}
