package dev.websocket.server.sample.chat;

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page tells the user plainly when the server goes away. The test runs its own
 * instance of the app, since it shuts it down.
 */
class ChatPageServerDownBrowserTests {

	private ConfigurableApplicationContext app;

	private WebDriver driver;

	@BeforeEach
	void start() throws IOException {
		this.app = SpringApplication.run(ChatApplication.class, "--server.port=0");
		this.driver = HeadlessChromium.start();
	}

	@AfterEach
	void stop() {
		if (this.driver != null) {
			this.driver.quit();
		}
		this.app.close();
	}

	@Test
	void serverGoingAwayShowsRetryingDisablesTheControlsAndGreysOutPresenceAndClock() throws IOException {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		ChatPage page = new ChatPage(driver).open("http://localhost:" + port + "/", "dave", "lobby");
		page.until((browser) -> !page.text("clock").equals("–"));

		app.close();

		page.waitForText("status", "Disconnected, retrying in");
		assertThat(page.isEnabled("sum-button")).isFalse();
		assertThat(page.isEnabled("send")).isFalse();
		assertThat(page.hasClass("presence-panel", "stale")).isTrue();
		assertThat(page.hasClass("clock-line", "stale")).isTrue();
		assertThat(page.screenshot("chat-5-disconnected")).isNotEmptyFile();
	}

}
