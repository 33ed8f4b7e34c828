package dev.websocket.server.sample.chat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.websocket.server.spring.annotation.WampRpc;
import dev.websocket.server.wamp.WampException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * The sample's procedures: {@code sample/sum}, {@code sample/echo} and
 * {@code sample/fail}; and, to show what WAMP v2 clients get, {@code sample/countdown}
 * (progressive results), {@code sample/slow} (timeouts and cancelling) and
 * {@code sample/greet} (keyword arguments).
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

	/** The largest {@code n} of {@code sample/countdown}. */
	static final int MAX_COUNTDOWN = 1000;

	/** The longest wait of {@code sample/slow}, in milliseconds. */
	static final long MAX_SLOW_MILLIS = 60_000;

	/**
	 * Counts down from {@code n} to 1: a v2 caller that asks for progressive results gets
	 * each number as it comes, any other caller the list.
	 */
	@WampRpc("sample/countdown")
	Flux<Integer> countdown(int n) {
		if (n < 0 || n > MAX_COUNTDOWN) {
			throw new WampException(INVALID_ARGUMENT_URI, "n must be between 0 and " + MAX_COUNTDOWN);
		}
		return Flux.range(1, n).map((i) -> n + 1 - i);
	}

	/** Answers {@code ms} after that many milliseconds, without blocking a thread. */
	@WampRpc("sample/slow")
	Mono<Long> slow(long ms) {
		if (ms < 0 || ms > MAX_SLOW_MILLIS) {
			throw new WampException(INVALID_ARGUMENT_URI, "ms must be between 0 and " + MAX_SLOW_MILLIS);
		}
		return Mono.delay(Duration.ofMillis(ms)).thenReturn(ms);
	}

	/**
	 * Answers {@code "<greeting>, <name>!"}; a v2 caller may pass both by name
	 * ({@code {"name": "Ann", "greeting": "Hi"}}).
	 */
	@WampRpc("sample/greet")
	String greet(String name, Optional<String> greeting) {
		return greeting.orElse("Hello") + ", " + name + "!";
	}

	/** The error URI of out-of-range sample arguments. */
	static final String INVALID_ARGUMENT_URI = "http://example.com/error#invalid-argument";

}
