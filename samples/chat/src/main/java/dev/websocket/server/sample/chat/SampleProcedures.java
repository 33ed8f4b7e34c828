package dev.websocket.server.sample.chat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

import dev.websocket.server.spring.annotation.WampRpc;
import dev.websocket.server.wamp.WampException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * The sample's procedures: {@code sample/sum}, {@code sample/echo} and
 * {@code sample/fail}.
 */
@Component
final class SampleProcedures {

	/** The error URI of {@code sample/fail}. */
	static final String FAILURE_URI = "http://example.com/error#sample-failure";

	/**
	 * Adds numbers given as arguments ({@code [2,id,"sample/sum",1,2,3]}) or as one list
	 * ({@code [2,id,"sample/sum",[1,2,3]]}), rounded to 34 significant digits (IEEE 754
	 * decimal128).
	 * <p>
	 * It runs on the event loop, so its cost must not depend on what a caller sends: the
	 * starter bounds each number (digits and exponent) before it gets here, and the
	 * rounding keeps every addition the size of 34 digits, where exact sums of numbers
	 * with far-apart exponents ({@code 1e1000} plus {@code 1e-1000}, thousands of times)
	 * would grow to thousands of digits.
	 * @return the sum, integral when it has no fraction ({@code 6}, not {@code 6.0})
	 */
	@WampRpc("sample/sum")
	Number sum(List<BigDecimal> numbers) {
		BigDecimal sum = BigDecimal.ZERO;
		for (BigDecimal number : numbers) {
			sum = sum.add(number, MathContext.DECIMAL128);
		}
		sum = sum.stripTrailingZeros();
		return (sum.scale() <= 0) ? sum.toBigIntegerExact() : sum;
	}

	/** Answers its first argument unchanged. */
	@WampRpc("sample/echo")
	@Nullable JsonNode echo(@Nullable JsonNode value) {
		return value;
	}

	/**
	 * Always answers a CALLERROR, to show how an application error reaches the client.
	 */
	@WampRpc("sample/fail")
	void fail() {
		throw new WampException(FAILURE_URI, "sample/fail always fails");
	}

}
