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
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}; the paths can be overridden with the {@code chromium.binary} and
 * {@code chromedriver.binary} system properties). Fails, never skips, when they are missing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatPageBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Path SCREENSHOT = Path.of("target", "chat-screenshot.png");

	@LocalServerPort
	private int port;

	private WebDriver driver;

	@BeforeAll
	void startBrowser() throws IOException {
		File chromium = new File(System.getProperty("chromium.binary", "/usr/bin/chromium"));
		File chromedriver = new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
		assertThat(chromium).as("Chromium (apt-get install chromium chromium-driver)").canRead();
		assertThat(chromedriver).as("chromedriver (apt-get install chromium chromium-driver)").canRead();
		Path profile = Files.createDirectories(Path.of("target", "chromium-profile-" + UUID.randomUUID()));
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
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
		String ann = openAndJoin("ann", room);
		driver.switchTo().newWindow(WindowType.WINDOW);
		String bob = openAndJoin("bob", room);

		driver.switchTo().window(ann);
		waitForText(By.id("presence"), "bob");
		send("Hello from Ann");
		driver.switchTo().window(bob);
		waitForText(By.id("messages"), "Hello from Ann");
		send("Hi Ann, Bob here");
		driver.switchTo().window(ann);
		waitForText(By.id("messages"), "Hi Ann, Bob here");

		type(By.id("sum-input"), "1 2 3");
		driver.findElement(By.id("sum-button")).click();
		wait(ExpectedConditions.textToBe(By.id("sum-result"), "6"));

		HttpResponse<String> response = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create(baseUrl() + "api/rooms/" + room + "/messages"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(
							"{\"type\":\"message\",\"nick\":\"REST\",\"text\":\"Pushed from a REST controller\"}"))
					.timeout(TIMEOUT)
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(202);
		waitForText(By.id("messages"), "Pushed from a REST controller");
		driver.switchTo().window(bob);
		waitForText(By.id("messages"), "Pushed from a REST controller");

		driver.switchTo().window(ann);
		wait((page) -> !page.findElement(By.id("clock")).getText().equals("–"));
		File screenshot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
		Files.copy(screenshot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
		assertThat(SCREENSHOT).isNotEmptyFile();
	}

	@Test
	void failedCallShowsItsDescription() {
		openAndJoin("carol", "errors");
		driver.findElement(By.id("fail-button")).click();
		waitForText(By.id("error"), "sample/fail always fails");
	}

	/** Opens the page in the current window, joins and answers the window handle. */
	private String openAndJoin(String nick, String room) {
		driver.get(baseUrl());
		type(By.id("nick"), nick);
		type(By.id("room"), room);
		driver.findElement(By.id("join")).click();
		waitForText(By.id("status"), "Connected as " + nick);
		waitForText(By.id("presence"), nick);
		return driver.getWindowHandle();
	}

	private void send(String text) {
		wait(ExpectedConditions.elementToBeClickable(By.id("message")));
		type(By.id("message"), text);
		driver.findElement(By.id("send")).click();
	}

	private void type(By field, String text) {
		WebElement element = driver.findElement(field);
		element.clear();
		element.sendKeys(text);
	}

	private void waitForText(By element, String text) {
		wait(ExpectedConditions.textToBePresentInElementLocated(element, text));
	}

	private <T> T wait(java.util.function.Function<? super WebDriver, T> condition) {
		return new WebDriverWait(driver, TIMEOUT).until(condition);
	}

	private String baseUrl() {
		return "http://localhost:" + port + "/";
	}
}
