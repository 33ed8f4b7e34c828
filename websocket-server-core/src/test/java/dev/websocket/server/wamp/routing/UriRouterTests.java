package dev.websocket.server.wamp.routing;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UriRouterTests {

	private final UriRouter<String> router = new UriRouter<>();

	@Test
	void routesToTheMatchingPatternWithVariables() {
		router.register("chat/{room}", "chat");
		assertThat(router.route("chat/lobby")).hasValueSatisfying((route) -> {
			assertThat(route.handler()).isEqualTo("chat");
			assertThat(route.pattern()).isEqualTo("chat/{room}");
			assertThat(route.variables()).isEqualTo(Map.of("room", "lobby"));
		});
	}

	@Test
	void noMatchIsEmpty() {
		router.register("chat/{room}", "chat");
		assertThat(router.route("news/today")).isEmpty();
	}

	@Test
	void emptyRouterFindsNothing() {
		assertThat(router.route("anything")).isEmpty();
	}

	@Test
	void duplicatePatternIsRejected() {
		router.register("chat/{room}", "a");
		assertThatIllegalArgumentException().isThrownBy(() -> router.register("chat/{room}", "b"))
			.withMessage("Duplicate URI pattern 'chat/{room}'");
	}

	@Test
	void duplicateLiteralIsRejected() {
		router.register("http://example.com/calc#add", "a");
		assertThatIllegalArgumentException().isThrownBy(() -> router.register("http://example.com/calc#add", "b"))
			.withMessage("Duplicate URI pattern 'http://example.com/calc#add'");
	}

	@Test
	void patternDifferingOnlyInVariableNamesIsADuplicate() {
		router.register("chat/{room}", "a");
		assertThatIllegalArgumentException().isThrownBy(() -> router.register("chat/{name}", "b"))
			.withMessage("Duplicate URI pattern 'chat/{name}': same as 'chat/{room}'");
	}

	@Test
	void differentRegexesAreDifferentPatterns() {
		router.register("chat/{room:[a-z]+}", "letters");
		router.register("chat/{room:[0-9]+}", "digits");
		assertThat(router.route("chat/abc").map(Route::handler)).hasValue("letters");
		assertThat(router.route("chat/123").map(Route::handler)).hasValue("digits");
	}

	@Test
	void invalidPatternIsRejectedOnRegister() {
		assertThatIllegalArgumentException().isThrownBy(() -> router.register("chat/{room", "a"))
			.withMessageContaining("unbalanced braces");
		assertThat(router.size()).isZero();
	}

	@Test
	void exactLiteralBeatsPatternRegisteredEarlier() {
		router.register("http://example.com/calc#{op}", "any");
		router.register("http://example.com/calc#add", "add");
		assertThat(router.route("http://example.com/calc#add").map(Route::handler)).hasValue("add");
		assertThat(router.route("http://example.com/calc#sub")).hasValueSatisfying((route) -> {
			assertThat(route.handler()).isEqualTo("any");
			assertThat(route.variables()).isEqualTo(Map.of("op", "sub"));
		});
	}

	@Test
	void exactLiteralRoutesWithoutVariables() {
		router.register("sample/sum", "sum");
		assertThat(router.route("sample/sum")).hasValueSatisfying((route) -> {
			assertThat(route.pattern()).isEqualTo("sample/sum");
			assertThat(route.variables()).isEmpty();
		});
	}

	@Test
	void moreLiteralCharactersWin() {
		router.register("chat/{room}/{id}", "generic");
		router.register("chat/admin/{id}", "admin");
		assertThat(router.route("chat/admin/7").map(Route::handler)).hasValue("admin");
		assertThat(router.route("chat/lobby/7").map(Route::handler)).hasValue("generic");
	}

	@Test
	void withEqualLiteralsFewerVariablesWin() {
		router.register("x/{a:[a-z]}{b:[a-z]+}", "two");
		router.register("x/{all:[a-z]+}", "one");
		assertThat(router.route("x/ab").map(Route::handler)).hasValue("one");
	}

	@Test
	void withEqualSpecificityFirstRegisteredWins() {
		router.register("chat/{room:[a-z]+}", "first");
		router.register("chat/{room:[a-c]+}", "second");
		assertThat(router.route("chat/abc").map(Route::handler)).hasValue("first");
	}

	@Test
	void sizeCountsPatterns() {
		router.register("a", "a");
		router.register("b/{x}", "b");
		assertThat(router.size()).isEqualTo(2);
	}

}
