package dev.websocket.server.sample.chat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WAMP v2 as a client written by others speaks it: Autobahn|JS 26 (npm {@code autobahn},
 * installed from the committed lockfile in {@code src/test/node} by {@code npm ci}) runs
 * each flow of {@code flows.js} under Node against the running sample, over
 * {@code wamp.2.json} (text frames) and over {@code wamp.2.cbor} (binary frames, the
 * {@code cbor} package Autobahn|JS uses).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AutobahnJsFlowsTests {

	@LocalServerPort
	private int port;

	@BeforeAll
	static void autobahnIsInstalled() {
		NodeFlows.assertAutobahnInstalled();
	}

	private static final List<String> FLOWS = List.of("welcome", "unknownRealm", "callBean", "keywordArguments",
			"applicationError", "fluxAsList", "publishAndSubscribe", "unsubscribe", "clock", "goodbye", "clientCallee",
			"beanNameHasAnOwner", "calleeLeaving", "progressiveResults", "callTimeout", "cancelCall",
			"patternSubscriptions", "sessionMeta", "ticketLogin", "wrongTicket", "wampcraLogin", "wampcraSalted");

	static Stream<Arguments> flows() {
		return Stream.of("wamp.2.json", "wamp.2.cbor")
			.flatMap((protocol) -> FLOWS.stream().map((flow) -> Arguments.of(protocol, flow)));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("flows")
	void autobahnFlowPasses(String protocol, String flow) throws Exception {
		List<String> output = runFlow(protocol, flow);
		assertThat(output).as("output of flows.js " + flow + " over " + protocol).contains("PASS " + flow);
		assertThat(output).noneMatch((line) -> line.startsWith("FAIL") || line.startsWith("UNHANDLED"));
	}

	@Test
	void readmeExampleRunsAgainstTheSample() throws Exception {
		String readme = Files.readString(Path.of("..", "..", "README.md"), StandardCharsets.UTF_8);
		int marker = readme.indexOf("<!-- autobahn-example -->");
		assertThat(marker).as("the README's Autobahn|JS example").isNotNegative();
		int start = readme.indexOf("```js\n", marker) + "```js\n".length();
		String example = readme.substring(start, readme.indexOf("```", start))
			.replace("ws://localhost:8080/ws", "ws://localhost:" + this.port + "/ws");
		Path script = Files.createTempFile("readme-example", ".js");
		try {
			Files.writeString(script, example, StandardCharsets.UTF_8);
			ProcessBuilder builder = new ProcessBuilder("node", script.toString())
				.directory(NodeFlows.NODE_DIR.toFile());
			builder.environment()
				.put("NODE_PATH", NodeFlows.NODE_DIR.resolve("node_modules").toAbsolutePath().toString());
			List<String> output = NodeFlows.run(builder, "readme-example");
			assertThat(output).contains("6", "Hello, Ann!");
			assertThat(output).anyMatch((line) -> line.contains("text: 'hi'"));
		}
		finally {
			Files.deleteIfExists(script);
		}
	}

	private List<String> runFlow(String protocol, String flow) throws IOException, InterruptedException {
		return NodeFlows.run(
				NodeFlows.flow(URI.create("ws://localhost:" + this.port + "/ws"), "--protocol=" + protocol, flow),
				flow);
	}

}
