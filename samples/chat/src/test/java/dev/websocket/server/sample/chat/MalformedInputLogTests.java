package dev.websocket.server.sample.chat;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expected client errors are answered, never logged loudly (issue 9, build item 6):
 * malformed WAMP messages, wrong types, bad arguments and unknown procedures or topics,
 * sent over a real socket to the running sample, leave no ERROR and no WARN with a stack
 * trace in the log (server faults keep theirs: the engine's and starter's tests of
 * internal errors).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MalformedInputLogTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	final ChatSockets sockets = new ChatSockets();

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	@BeforeEach
	void captureLog() {
		this.log.start();
		this.root.addAppender(this.log);
	}

	@AfterEach
	void release() {
		this.root.detachAppender(this.log);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[2,\"c\"", "{\"a\":1}", "\"text\"", "[]", "[99]", "[0,\"s\",1,\"x\"]", "[3,\"c\",1]",
			"[2,1,\"sample/sum\"]", "[2,\"c\",7]", "[5,1]", "[7,\"chat/lobby\"]", "[7,\"chat/lobby\",1,7]",
			"[7,\"chat/lobby\",1,[1]]", "[1,\"p\"]", "[5,\"\"]", "[2.5,\"c\",\"sample/sum\"]",
			"[1e400,\"c\",\"sample/sum\"]" })
	void malformedMessageClosesWith1007AndLogsNothingLoud(String message) throws Exception {
		RawWebSocket socket = this.sockets.wamp();
		socket.send(message);
		assertThat(socket.closeCode()).isEqualTo(1007);
		assertNothingLoud();
	}

	@Test
	void overlongLiteralsCloseWith1007AndLogNothingLoud() throws Exception {
		List<String> messages = List.of("[2,\"c\",\"sample/echo\"," + "9".repeat(5000) + "]",
				"[5,\"" + "x".repeat(5000) + "\"]", "[2,\"" + "c".repeat(5000) + "\",\"sample/sum\"]",
				"[7,\"chat/lobby\"," + "[".repeat(2000) + "]".repeat(2000) + "]");
		for (String message : messages) {
			RawWebSocket socket = this.sockets.wamp();
			socket.send(message);
			assertThat(socket.closeCode()).isEqualTo(1007);
		}
		assertNothingLoud();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"sample/sum\",\"x\"", "\"sample/sum\",\"\"", "\"sample/sum\",[1,null]",
			"\"sample/sum\",null", "\"sample/sum\",\"1e100000\"", "\"sample/sum\",1e-100000", "\"sample/sum\",{}",
			"\"sample/sum\",[[1]]", "\"sample/sum\",true", "\"sample/echo\",1,2", "\"sample/fail\"",
			"\"sample/fail\",1", "\"nope/nothing\"", "\"http://example.com/nowhere#x\"", "\"p:undefined\"" })
	void badCallIsAnsweredWithACallErrorAndLogsNothingLoud(String rest) throws Exception {
		RawWebSocket socket = this.sockets.wamp();
		socket.send("[2,\"c\"," + rest + "]");
		JsonNode answer = json.readTree(socket.next());
		assertThat(answer.get(0).asInt()).as("CALLERROR to " + rest).isEqualTo(4);
		assertThat(answer.get(2).asString()).doesNotEndWith("#InternalError");
		assertNothingLoud();
	}

	@Test
	void ignoredMessagesLogNothingLoud() throws Exception {
		RawWebSocket socket = this.sockets.wamp();
		List<String> ignored = List.of("[5,\"nope/topic\"]", "[6,\"chat/lobby\"]", "[6,\"nope/topic\"]",
				"[7,\"nope/topic\",{\"a\":1}]", "[7,\"sample/clock\",1]", "[7,\"chat/lobby\",null]",
				"[7,\"chat/lobby\",\"text\"]", "[7,\"chat/lobby\",[1,2]]", "[7,\"chat/lobby\",{\"type\":\"bogus\"}]",
				"[7,\"chat/lobby\",{\"type\":\"message\",\"nick\":[1],\"text\":{}}]",
				"[7,\"chat/lobby\",1,[\"nobody\"],[\"nobody\"]]", "[1,\"p\",\"http://example.com/p#\"]",
				"[1,\"p\",\"http://example.com/q#\"]");
		for (String message : ignored) {
			socket.send(message);
		}
		socket.send("[2,\"last\",\"sample/sum\",1]");
		while (!socket.next().equals("[3,\"last\",1]")) {
			// events of the room the socket never joined cannot arrive; skip anything
			// else
		}
		assertNothingLoud();
	}

	@Test
	void captureSeesAnErrorLoggedWithItsStack() {
		LoggerFactory.getLogger(MalformedInputLogTests.class).error("a fault", new IllegalStateException("fault"));
		assertThat(loud()).hasSize(1);
	}

	private void assertNothingLoud() {
		assertThat(loud()).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
	}

	private List<ILoggingEvent> loud() {
		synchronized (this.log) {
			return this.log.list.stream()
				.filter((event) -> event.getLevel().isGreaterOrEqual(Level.ERROR)
						|| (event.getLevel() == Level.WARN && event.getThrowableProxy() != null))
				.toList();
		}
	}

}
