package dev.websocket.server.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test running as its own JVM: started with the common JVM flags, awaited
 * on its port, measured with {@code jcmd} and {@code /proc}, and stopped by PID.
 */
final class ServerProcess implements AutoCloseable {

	private static final Pattern GENERATION_USED = Pattern.compile("total \\d+K, used (\\d+)K");

	private static final Pattern HISTOGRAM_LINE = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");

	private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

	private static final Pattern METRIC_VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");

	private final String name;

	private final Process process;

	private final int port;

	private final Path log;

	private ServerProcess(String name, Process process, int port, Path log) {
		this.name = name;
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts {@code command} (a full command line), logging to {@code log}, and waits
	 * until {@code port} accepts connections.
	 */
	static ServerProcess start(String name, List<String> command, int port, Path log, Duration timeout)
			throws IOException, InterruptedException {
		Files.createDirectories(log.getParent());
		Log.info("starting " + name + ": " + String.join(" ", command));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ServerProcess server = new ServerProcess(name, process, port, log);
		Runtime.getRuntime().addShutdownHook(new Thread(server::close));
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IOException(name + " exited with " + process.exitValue() + "; see " + log);
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
				Log.info(name + " is up (pid " + process.pid() + ")");
				return server;
			}
			catch (IOException ex) {
				Thread.sleep(200);
			}
		}
		server.close();
		throw new IOException(
				name + " did not open port " + port + " within " + timeout.toSeconds() + " s; see " + log);
	}

	/**
	 * A java command line: the JDK of this JVM, the flags, {@code -jar jar}, then the
	 * arguments.
	 */
	static List<String> javaCommand(List<String> jvmFlags, Path jar, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmFlags);
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(arguments);
		return command;
	}

	String name() {
		return this.name;
	}

	/** The file the server's output goes to. */
	Path log() {
		return this.log;
	}

	long pid() {
		return this.process.pid();
	}

	int port() {
		return this.port;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Runs a full GC in the server ({@code jcmd GC.run}) and returns the heap in use
	 * after it.
	 */
	long heapUsedAfterGc() throws IOException, InterruptedException {
		jcmd("GC.run");
		Thread.sleep(500);
		jcmd("GC.run");
		String info = jcmd("GC.heap_info");
		long usedKb = 0;
		Matcher matcher = GENERATION_USED.matcher(info);
		while (matcher.find()) {
			usedKb += Long.parseLong(matcher.group(1));
		}
		return usedKb * 1024;
	}

	/**
	 * The live objects by class ({@code jcmd GC.class_histogram}, which runs a full GC
	 * first): class name to bytes.
	 */
	java.util.Map<String, Long> classHistogram() throws IOException, InterruptedException {
		java.util.Map<String, Long> bytes = new java.util.HashMap<>();
		Matcher matcher = HISTOGRAM_LINE.matcher(jcmd("GC.class_histogram"));
		while (matcher.find()) {
			bytes.merge(matcher.group(2), Long.parseLong(matcher.group(1)), Long::sum);
		}
		return bytes;
	}

	/**
	 * The resident set size from {@code /proc/<pid>/status}, or 0 where there is no
	 * /proc.
	 */
	long rss() {
		try {
			String status = Files.readString(Path.of("/proc", Long.toString(pid()), "status"));
			Matcher matcher = VM_RSS.matcher(status);
			return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/**
	 * A meter's value (a counter's count summed over its tags) from the server's
	 * actuator, {@code /actuator/metrics/<name>}, or -1 when the server has no such
	 * endpoint or meter (the ceiling and STOMP servers expose none).
	 * @param name the meter, e.g. {@code wamp.outbound.overflows}
	 */
	double metric(String name) throws InterruptedException {
		java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + this.port + "/actuator/metrics/" + name);
		try {
			java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
						java.net.http.HttpResponse.BodyHandlers.ofString());
			Matcher matcher = METRIC_VALUE.matcher(response.body());
			return (response.statusCode() == 200 && matcher.find()) ? Double.parseDouble(matcher.group(1)) : -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private String jcmd(String command) throws IOException, InterruptedException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		String executable = Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
		Process process = new ProcessBuilder(executable, Long.toString(pid()), command).redirectErrorStream(true)
			.start();
		StringBuilder out = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				out.append(line).append('\n');
			}
		}
		process.waitFor(60, TimeUnit.SECONDS);
		return out.toString();
	}

	/** Stops the server by PID: SIGTERM, then SIGKILL after 15 s. */
	@Override
	public void close() {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return this.name + " (pid " + pid() + ", log " + this.log + ")";
	}

}
