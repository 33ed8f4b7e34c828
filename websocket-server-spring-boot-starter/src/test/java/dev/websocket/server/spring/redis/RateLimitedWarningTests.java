package dev.websocket.server.spring.redis;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitedWarningTests {

	@Test
	void describesTheRootCauseThatSaysWhereTheConnectionFailed() {
		RedisConnectionFailureException failure = new RedisConnectionFailureException("Unable to connect to Redis",
				new IllegalStateException("Unable to connect to localhost/127.0.0.1:6399",
						new ConnectException("Connection refused: localhost/127.0.0.1:6399")));

		assertThat(RateLimitedWarning.describe(failure)).isEqualTo("RedisConnectionFailureException: Unable to connect "
				+ "to Redis (caused by ConnectException: Connection refused: localhost/127.0.0.1:6399)");
	}

	@Test
	void describesAFailureWithoutCauseByItself() {
		assertThat(RateLimitedWarning.describe(new IllegalStateException("Redis subscription ended")))
			.isEqualTo("IllegalStateException: Redis subscription ended");
	}

}
