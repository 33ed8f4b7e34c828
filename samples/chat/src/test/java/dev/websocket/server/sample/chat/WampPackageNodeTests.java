package dev.websocket.server.sample.chat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JavaScript package's own tests ({@code websocket-server-js/test/*.test.mjs}, run
 * with {@code node --test}) against this sample on a random port, so that the build runs
 * them: one JUnit test per test file. Needs Node 20 and npm; {@code npm ci} installs the
 * package's development dependencies from its lockfile when they are missing. Each run's
 * output is left in {@code target/node-tests/}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WampPackageNodeTests {

	private static final Path PACKAGE = Path.of("..", "..", "websocket-server-js").toAbsolutePath().normalize();

	private static final Path OUTPUT = Path.of("target", "node-tests");

	@LocalServerPort
	private int port;

	@BeforeAll
	static void installAndBuild() throws Exception {
		assertThat(PACKAGE.resolve("package.json")).as("the JavaScript package").isRegularFile();
		Files.createDirectories(OUTPUT);
		if (!Files.isDirectory(PACKAGE.resolve("node_modules").resolve("ws"))) {
			assertThat(run(List.of("npm", "ci", "--no-audit", "--no-fund"), "npm-ci", null)).as("npm ci").isZero();
		}
		assertThat(run(List.of("node", "scripts/build.mjs"), "build", null)).as("node scripts/build.mjs").isZero();
	}

	static Stream<String> testFiles() throws IOException {
		try (Stream<Path> files = Files.list(PACKAGE.resolve("test"))) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".test.mjs"))
				.sorted()
				.toList()
				.stream();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("testFiles")
	void passesAgainstTheSample(String file) throws Exception {
		String name = file.substring(0, file.length() - ".test.mjs".length());
		int exit = run(List.of("node", "--test", "--test-reporter=spec", "test/" + file), name,
				"ws://localhost:" + this.port + "/ws");
		assertThat(exit).as("node --test test/%s:%n%s", file, Files.readString(OUTPUT.resolve(name + ".txt"))).isZero();
	}

	private static int run(List<String> command, String name, @Nullable String url) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(PACKAGE.toFile())
			.redirectErrorStream(true)
			.redirectOutput(OUTPUT.resolve(name + ".txt").toFile());
		if (url != null) {
			builder.environment().put("WAMP_URL", url);
		}
		Process process = builder.start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", command) + " did not finish within 5 minutes; see "
					+ new String(Files.readAllBytes(OUTPUT.resolve(name + ".txt")), StandardCharsets.UTF_8));
		}
		return process.exitValue();
	}

}
