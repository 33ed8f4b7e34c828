package dev.websocket.server.wamp.routing;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UriPatternTests {

	@Test
	void literalMatchesItselfOnly() {
		UriPattern pattern = UriPattern.parse("http://example.com/calc#add");
		assertThat(pattern.isLiteral()).isTrue();
		assertThat(pattern.match("http://example.com/calc#add")).isEmpty();
		assertThat(pattern.match("http://example.com/calc#addx")).isNull();
		assertThat(pattern.match("http://example.com/calc")).isNull();
	}

	@Test
	void literalWithRegexCharactersIsMatchedLiterally() {
		UriPattern pattern = UriPattern.parse("a.b*c?d");
		assertThat(pattern.match("a.b*c?d")).isEmpty();
		assertThat(pattern.match("axbbc?d")).isNull();
	}

	@Test
	void noLeadingSlashIsRequiredNorStripped() {
		assertThat(UriPattern.parse("chat/{room}").match("chat/lobby")).isEqualTo(Map.of("room", "lobby"));
		assertThat(UriPattern.parse("chat/{room}").match("/chat/lobby")).isNull();
		assertThat(UriPattern.parse("/chat/{room}").match("/chat/lobby")).isEqualTo(Map.of("room", "lobby"));
	}

	@Test
	void defaultVariableStopsAtSlashHashAndQuestionMark() {
		UriPattern pattern = UriPattern.parse("chat/{room}");
		assertThat(pattern.match("chat/a/b")).isNull();
		assertThat(pattern.match("chat/a#b")).isNull();
		assertThat(pattern.match("chat/a?b")).isNull();
		assertThat(pattern.match("chat/")).isNull();
	}

	@Test
	void variableInFullUri() {
		UriPattern pattern = UriPattern.parse("http://example.com/calc#{op}");
		assertThat(pattern.match("http://example.com/calc#add")).isEqualTo(Map.of("op", "add"));
		assertThat(pattern.match("http://example.com/calc#")).isNull();
	}

	@Test
	void variableWithRegex() {
		UriPattern pattern = UriPattern.parse("chat/{room:[a-z0-9-]+}");
		assertThat(pattern.match("chat/room-1")).isEqualTo(Map.of("room", "room-1"));
		assertThat(pattern.match("chat/Room")).isNull();
	}

	@Test
	void regexMayMatchSlashes() {
		assertThat(UriPattern.parse("files/{path:.+}").match("files/a/b/c")).isEqualTo(Map.of("path", "a/b/c"));
	}

	@Test
	void regexWithBracesAndGroups() {
		UriPattern pattern = UriPattern.parse("item/{id:([0-9]){2,3}}/{name}");
		assertThat(pattern.match("item/123/x")).isEqualTo(Map.of("id", "123", "name", "x"));
		assertThat(pattern.match("item/1/x")).isNull();
	}

	@Test
	void severalVariables() {
		UriPattern pattern = UriPattern.parse("game/{game}/player/{player}");
		assertThat(pattern.variableNames()).containsExactly("game", "player");
		assertThat(pattern.match("game/7/player/ann")).isEqualTo(Map.of("game", "7", "player", "ann"));
	}

	@Test
	void emptyPatternIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> UriPattern.parse("")).withMessage("URI pattern is empty");
	}

	@Test
	void unclosedBraceIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> UriPattern.parse("chat/{room"))
			.withMessage("Invalid URI pattern 'chat/{room': unbalanced braces: '{' at index 5 is not closed");
	}

	@Test
	void strayClosingBraceIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> UriPattern.parse("chat/room}"))
			.withMessage("Invalid URI pattern 'chat/room}': unbalanced braces: '}' at index 9 closes nothing");
	}

	@Test
	void duplicateVariableIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> UriPattern.parse("{a}/{a}"))
			.withMessage("Invalid URI pattern '{a}/{a}': duplicate variable 'a'");
	}

	@Test
	void invalidRegexIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> UriPattern.parse("chat/{room:[a-z}"))
			.withMessageStartingWith("Invalid URI pattern 'chat/{room:[a-z}': invalid regex for variable 'room'");
	}

	@Test
	void emptyVariableNameIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> UriPattern.parse("chat/{}"))
			.withMessage("Invalid URI pattern 'chat/{}': invalid variable name ''");
	}

	@Test
	void emptyRegexIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> UriPattern.parse("chat/{room:}"))
			.withMessage("Invalid URI pattern 'chat/{room:}': empty regex for variable 'room'");
	}

	@Test
	void invalidVariableNameIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> UriPattern.parse("chat/{1room}"))
			.withMessage("Invalid URI pattern 'chat/{1room}': invalid variable name '1room'");
	}

}
