package dev.websocket.server.sample.chat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

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
	void serverGoingAwayShowsDisconnectedAndRetrying() throws IOException {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		ChatPage page = new ChatPage(driver).open("http://localhost:" + port + "/", "dave", "lobby");

		app.close();

		page.waitForText("status", "Disconnected, retrying in");
		page.sum("1 2");
		page.waitForText("error", "Not connected to the server");
		File screenshot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
		Files.copy(screenshot.toPath(), Path.of("target", "chat-disconnected-screenshot.png"),
				StandardCopyOption.REPLACE_EXISTING);
	}

}
