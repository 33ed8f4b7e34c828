package dev.websocket.server.spring.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A {@code redis-server} child process on a port of its own, without persistence, that a
 * test can stop and start again on the same port.
 */
final class RedisServerProcess implements AutoCloseable {

	private static final Duration DEADLINE = Duration.ofSeconds(20);

	private final int port;

	private Process process;

	private RedisServerProcess(int port) {
		this.port = port;
	}

	/** Starts a server on a free port. */
	static RedisServerProcess startOnFreePort() {
		RedisServerProcess server = new RedisServerProcess(freePort());
		server.start();
		return server;
	}

	int port() {
		return this.port;
	}

	/** Starts the server and waits until it accepts connections. */
	void start() {
		try {
			this.process = new ProcessBuilder("redis-server", "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start redis-server (is it on the PATH?)", ex);
		}
		await().atMost(DEADLINE).until(this::accepts);
	}

	/** Stops the server and waits until the process has exited. */
	void stop() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		running.destroy();
		try {
			if (!running.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
				running.destroyForcibly().waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	/** Freezes the server (SIGSTOP): connections stay open but nothing is answered. */
	void pause() {
		signal("-STOP");
	}

	/** Lets a frozen server go on (SIGCONT). */
	void resume() {
		signal("-CONT");
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", signal, Long.toString(this.process.pid())).start();
			if (!kill.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill " + signal + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private boolean accepts() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

}
