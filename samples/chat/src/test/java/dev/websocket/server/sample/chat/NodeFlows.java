package dev.websocket.server.sample.chat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs Node against the sample: the Autobahn|JS 26 flows of {@code flows.js} (npm
 * {@code autobahn}, installed from the committed lockfile in {@code src/test/node} by
 * {@code npm ci}) or a script of the test's own, each a process that must exit with
 * status 0 within 60 s.
 */
final class NodeFlows {

	/** Where {@code flows.js} and its {@code node_modules} are. */
	static final Path NODE_DIR = Path.of("src", "test", "node");

	private NodeFlows() {
	}

	/** Fails the test class up front when {@code npm ci} has not been run. */
	static void assertAutobahnInstalled() {
		assertThat(NODE_DIR.resolve("node_modules/autobahn/package.json"))
			.as("Autobahn|JS is installed: run 'npm ci' in " + NODE_DIR.toAbsolutePath() + " (.ci/run does)")
			.exists();
	}

	/** {@code node flows.js <endpoint> <arguments…>} in the Node directory. */
	static ProcessBuilder flow(URI endpoint, String... arguments) {
		List<String> command = new ArrayList<>(List.of("node", "flows.js", endpoint.toString()));
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).directory(NODE_DIR.toFile());
	}

	/**
	 * Runs the process to its end.
	 * @param name names its log
	 * @return its output, stdout and stderr interleaved
	 */
	static List<String> run(ProcessBuilder builder, String name) throws IOException, InterruptedException {
		return run(builder, name, () -> {
		});
	}

	/**
	 * Runs the process to its end, doing {@code meanwhile} on this thread while it runs;
	 * a failure of {@code meanwhile} kills the process and reports its output so far.
	 * @param name names its log
	 * @return its output, stdout and stderr interleaved
	 */
	static List<String> run(ProcessBuilder builder, String name, Runnable meanwhile)
			throws IOException, InterruptedException {
		Path log = Files.createTempFile("autobahn-" + name, ".log");
		try {
			Process node = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
			try {
				meanwhile.run();
			}
			catch (RuntimeException ex) {
				node.destroyForcibly();
				throw new AssertionError(
						"while node ran; its output: " + Files.readAllLines(log, StandardCharsets.UTF_8), ex);
			}
			boolean exited = node.waitFor(60, TimeUnit.SECONDS);
			if (!exited) {
				node.destroyForcibly();
			}
			List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
			assertThat(exited).as("node exited within 60 s; output: " + output).isTrue();
			assertThat(node.exitValue()).as("node's exit status; output: " + output).isZero();
			return output;
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

}
