package dev.websocket.server.sample.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sample/sum} and {@code sample/echo} against hostile and edge-case arguments
 * (issue 9): raw WAMP v1 frames over a JDK WebSocket against the running app.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleProceduresWireTests {

	private static final String INVALID_ARGUMENT = "http://api.wamp.ws/error#InvalidArgument";

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	final ChatSockets sockets = new ChatSockets();

	@Test
	void sumOfAHugeExponentIsAnInvalidArgumentNotMinutesOfArithmetic() throws Exception {
		RawWebSocket socket = this.sockets.wamp();
		socket.send("[2,\"b\",\"sample/sum\",\"1e100000\"]");
		JsonNode error = json.readTree(socket.next());
		assertThat(error.get(2).asString()).isEqualTo(INVALID_ARGUMENT);
		assertThat(error.get(3).asString())
			.isEqualTo("Invalid argument 1 (numbers): a number's exponent is beyond ±1000");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"\"", "[1,null]", "null", "[[1]]", "{\"a\":1}" })
	void sumOfSomethingOtherThanNumbersIsAnInvalidArgumentInJsonTerms(String argument) throws Exception {
		RawWebSocket socket = this.sockets.wamp();
		socket.send("[2,\"n\",\"sample/sum\"," + argument + "]");
		JsonNode error = json.readTree(socket.next());
		assertThat(error.get(0).asInt()).as("CALLERROR").isEqualTo(4);
		assertThat(error.get(2).asString()).isEqualTo(INVALID_ARGUMENT);
		assertThat(error.get(3).asString()).isEqualTo("Invalid argument 1 (numbers): expected an array of numbers");
	}

	@Test
	void sumOfNumbersWithinTheBoundsIsRoundedTo34Digits() throws Exception {
		RawWebSocket socket = this.sockets.wamp();
		socket.send("[2,\"s\",\"sample/sum\",\"1e1000\",\"-1e1000\",1e-1000,2,0.1,0.2]");
		assertThat(socket.next()).isEqualTo("[3,\"s\",2.3]");
		socket.send("[2,\"t\",\"sample/sum\",12345678901234567890123456789012345678,1]");
		assertThat(socket.next()).isEqualTo("[3,\"t\",12345678901234567890123456789012350000]");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "1e400 | 1E+400", "-1e400 | -1E+400", "1e-400 | 1E-400", "0.10 | 0.10", "1.0 | 1.0",
					"123456789012345678901234567890 | 123456789012345678901234567890",
					"3.141592653589793238462643383279 | 3.141592653589793238462643383279" })
	void echoAnswersNumbersAsTheNumbersSent(String sent, String answered) throws Exception {
		RawWebSocket socket = this.sockets.wamp();
		socket.send("[2,\"e\",\"sample/echo\"," + sent + "]");
		assertThat(socket.next()).isEqualTo("[3,\"e\"," + answered + "]");
	}

	@Test
	void echoAnswersALoneSurrogateEscapedAgainAndAPairRaw() throws Exception {
		RawWebSocket socket = this.sockets.wamp();
		socket.send("[2,\"e\",\"sample/echo\",\"a\\ud800b\\udfffc\\ud83d\\ude00\"]");
		assertThat(socket.next()).isEqualTo("[3,\"e\",\"a\\uD800b\\uDFFFc\ud83d\ude00\"]");
	}

}
