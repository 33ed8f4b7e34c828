package dev.websocket.server.benchmarks.harness;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on standard error, so that standard output carries only the table. */
final class Log {

	private Log() {
	}

	static void info(String message) {
		System.err.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + message);
	}

}
