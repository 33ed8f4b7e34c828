package dev.websocket.server.wamp.codec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds random and mutated text to the codec: only {@link WampProtocolException} may
 * escape, and decoding always finishes.
 */
class WampCodecPropertyTests {

	private static final Duration DEADLINE = Duration.ofSeconds(10);

	private static final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "codec-property");
		thread.setDaemon(true);
		return thread;
	});

	private static final List<String> VALID = List.of("[1,\"calc\",\"http://example.com/calc#\"]",
			"[2,\"c1\",\"calc:add\",1,\"two\",{\"a\":[3]}]", "[5,\"chat/room\"]", "[6,\"chat/room\"]",
			"[7,\"chat/room\",{\"msg\":\"hi\"}]", "[7,\"chat/room\",\"hi\",true]",
			"[7,\"chat/room\",1,[\"a\",\"b\"],[\"c\"]]", "[0,\"s1\",1,\"ident\"]", "[3,\"c1\",{\"sum\":3}]",
			"[4,\"c1\",\"e:x\",\"Oops\",{\"code\":404}]", "[8,\"t\",null]");

	private static final String ALPHABET = "[]{}\",:0123456789.-+eEtrufalsn \\/#abc\u00e9\u0000\ud83d\ude00";

	private final WampCodec codec = new WampCodec(JsonMapper.builder().build(), 64);

	@AfterContainer
	static void shutdown() {
		executor.shutdownNow();
	}

	@Property(tries = 2000)
	void randomTextOnlyThrowsProtocolException(@ForAll("randomText") String text) {
		assertOnlyProtocolException(text);
	}

	@Property(tries = 2000)
	void mutatedMessagesOnlyThrowProtocolException(@ForAll("mutatedMessages") String text) {
		assertOnlyProtocolException(text);
	}

	@Property(tries = 500)
	void arbitraryUnicodeOnlyThrowsProtocolException(@ForAll String text) {
		assertOnlyProtocolException(text);
	}

	private void assertOnlyProtocolException(String text) {
		assertCompletesWithOnlyProtocolException(text, codec::decodeFromClient);
		assertCompletesWithOnlyProtocolException(text, codec::decodeFromServer);
	}

	private static void assertCompletesWithOnlyProtocolException(String text, Function<String, ?> decoder) {
		Future<Throwable> outcome = executor.submit(() -> {
			try {
				decoder.apply(text);
				return null;
			}
			catch (Throwable ex) {
				return ex;
			}
		});
		Throwable failure;
		try {
			failure = outcome.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("decoding did not finish within " + DEADLINE, ex);
		}
		if (failure != null) {
			assertThat(failure).isInstanceOf(WampProtocolException.class);
			assertThat(failure.getMessage()).isNotBlank().hasSizeLessThan(120);
		}
	}

	@Provide
	Arbitrary<String> randomText() {
		return Arbitraries.strings().withChars(ALPHABET).ofMaxLength(60);
	}

	@Provide
	Arbitrary<String> mutatedMessages() {
		Arbitrary<String> valid = Arbitraries.of(VALID);
		Arbitrary<Integer> position = Arbitraries.integers().between(0, 1000);
		Arbitrary<String> insertion = Arbitraries.strings().withChars(ALPHABET).ofMinLength(1).ofMaxLength(6);
		Arbitrary<Integer> operation = Arbitraries.integers().between(0, 3);
		return Combinators.combine(valid, position, insertion, operation).as(WampCodecPropertyTests::mutate);
	}

	private static String mutate(String text, int rawPosition, String insertion, int operation) {
		int position = rawPosition % (text.length() + 1);
		return switch (operation) {
			case 0 -> text.substring(0, position) + insertion + text.substring(position);
			case 1 ->
				text.substring(0, position) + text.substring(Math.min(text.length(), position + insertion.length()));
			case 2 -> text.substring(0, position);
			default -> text.substring(0, position) + insertion
					+ text.substring(Math.min(text.length(), position + insertion.length()));
		};
	}

}
