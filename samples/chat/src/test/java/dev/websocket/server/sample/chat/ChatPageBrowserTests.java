package dev.websocket.server.sample.chat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page in a real headless Chromium: two windows chat, the calculator, a REST
 * push, a failed call. Leaves {@code target/chat-screenshot.png} for a person to look at.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatPageBrowserTests {

	private static final Path SCREENSHOT = Path.of("target", "chat-screenshot.png");

	@LocalServerPort
	private int port;

	private WebDriver driver;

	@BeforeAll
	void startBrowser() throws IOException {
		this.driver = HeadlessChromium.start();
	}

	@AfterAll
	void stopBrowser() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	@Test
	void twoPagesChatComputeASumAndReceiveARestPush() throws Exception {
		String room = "browser-" + UUID.randomUUID().toString().substring(0, 8);
		ChatPage page = new ChatPage(driver);
		page.open(baseUrl(), "ann", room);
		String ann = driver.getWindowHandle();
		driver.switchTo().newWindow(WindowType.WINDOW);
		page.open(baseUrl(), "bob", room);
		String bob = driver.getWindowHandle();

		driver.switchTo().window(ann);
		page.waitForText("presence", "bob");
		page.send("Hello from Ann");
		driver.switchTo().window(bob);
		page.waitForText("messages", "Hello from Ann");
		page.send("Hi Ann, Bob here");
		driver.switchTo().window(ann);
		page.waitForText("messages", "Hi Ann, Bob here");

		page.sum("1 2 3");
		page.until((browser) -> page.text("sum-result").equals("6"));

		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(baseUrl() + "api/rooms/" + room + "/messages"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"type\":\"message\",\"nick\":\"REST\",\"text\":\"Pushed from a REST controller\"}"))
				.timeout(ChatPage.TIMEOUT)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(202);
		page.waitForText("messages", "Pushed from a REST controller");
		driver.switchTo().window(bob);
		page.waitForText("messages", "Pushed from a REST controller");

		driver.switchTo().window(ann);
		page.until((browser) -> !page.text("clock").equals("–"));
		File screenshot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
		Files.copy(screenshot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
		assertThat(SCREENSHOT).isNotEmptyFile();
	}

	@Test
	void failedCallShowsItsDescription() {
		ChatPage page = new ChatPage(driver).open(baseUrl(), "carol", "errors");
		page.click("fail-button");
		page.waitForText("error", "sample/fail always fails");
	}

	private String baseUrl() {
		return "http://localhost:" + port + "/";
	}

}
