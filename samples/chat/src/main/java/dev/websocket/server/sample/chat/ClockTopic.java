package dev.websocket.server.sample.chat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import dev.websocket.server.spring.annotation.Periodic;
import dev.websocket.server.spring.annotation.WampTopic;

/**
 * Topic {@code sample/clock}: the server time every second, while anyone listens.
 */
@WampTopic("sample/clock")
final class ClockTopic {

	/** The event broadcast every second: {@code {"time": "2026-01-01T12:00:00.123Z"}}. */
	@Periodic("1s")
	Map<String, String> tick() {
		return Map.of("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
	}

}
