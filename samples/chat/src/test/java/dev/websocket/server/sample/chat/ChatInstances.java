package dev.websocket.server.sample.chat;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the sample with the {@code redis} profile, each on a port of its own,
 * started before each test and closed after it, so a test can chat across nodes through
 * the Redis server on {@code localhost:6379} (CI starts one). Registered as an instance
 * field:
 *
 * <pre>{@code @RegisterExtension
 * final ChatInstances instances = new ChatInstances();}</pre>
 */
final class ChatInstances implements BeforeEachCallback, AfterEachCallback {

	private @Nullable ConfigurableApplicationContext first;

	private @Nullable ConfigurableApplicationContext second;

	/** The instance started first. */
	ConfigurableApplicationContext first() {
		return running(this.first);
	}

	/** The other instance. */
	ConfigurableApplicationContext second() {
		return running(this.second);
	}

	static int port(ConfigurableApplicationContext app) {
		return ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	/** The instance's WAMP endpoint. */
	static URI ws(ConfigurableApplicationContext app) {
		return URI.create("ws://localhost:" + port(app) + "/ws");
	}

	/** The instance's chat page. */
	static String page(ConfigurableApplicationContext app) {
		return "http://localhost:" + port(app) + "/";
	}

	private static ConfigurableApplicationContext running(@Nullable ConfigurableApplicationContext app) {
		if (app == null) {
			throw new IllegalStateException("the instances start before each test");
		}
		return app;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.first = SpringApplication.run(ChatApplication.class, "--server.port=0", "--spring.profiles.active=redis");
		this.second = SpringApplication.run(ChatApplication.class, "--server.port=0", "--spring.profiles.active=redis");
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.first != null) {
			this.first.close();
			this.first = null;
		}
		if (this.second != null) {
			this.second.close();
			this.second = null;
		}
	}

}
