package dev.websocket.server.sample.chat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page as the browser tests use it, by the element ids of {@code index.html}.
 * Every wait has an explicit deadline.
 */
final class ChatPage {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final WebDriver driver;

	ChatPage(WebDriver driver) {
		this.driver = driver;
	}

	/**
	 * Opens the page in the current window, joins the room and waits until it shows the
	 * nick.
	 */
	ChatPage open(String baseUrl, String nick, String room) {
		driver.get(baseUrl);
		type("nick", nick);
		type("room", room);
		driver.findElement(By.id("join")).click();
		waitForText("status", "Connected as " + nick);
		waitForText("presence", nick);
		return this;
	}

	void send(String text) {
		until(ExpectedConditions.elementToBeClickable(By.id("message")));
		type("message", text);
		driver.findElement(By.id("send")).click();
	}

	void sum(String numbers) {
		type("sum-input", numbers);
		driver.findElement(By.id("sum-button")).click();
	}

	void login(String authKey, String secret) {
		type("auth-key", authKey);
		type("auth-secret", secret);
		driver.findElement(By.id("login")).click();
	}

	void type(String id, String text) {
		WebElement element = driver.findElement(By.id(id));
		element.clear();
		element.sendKeys(text);
	}

	void click(String id) {
		driver.findElement(By.id(id)).click();
	}

	String text(String id) {
		return driver.findElement(By.id(id)).getText();
	}

	void waitForText(String id, String text) {
		until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
	}

	boolean isEnabled(String id) {
		return driver.findElement(By.id(id)).isEnabled();
	}

	boolean hasClass(String id, String className) {
		String classes = driver.findElement(By.id(id)).getDomAttribute("class");
		return classes != null && java.util.Arrays.asList(classes.split("\\s+")).contains(className);
	}

	/**
	 * Saves a screenshot of the page as {@code target/<name>.png} for a person to look
	 * at.
	 */
	Path screenshot(String name) throws IOException {
		File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
		Path target = Path.of("target", name + ".png");
		Files.copy(file.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
		return target;
	}

	<T> T until(Function<? super WebDriver, T> condition) {
		return new WebDriverWait(driver, TIMEOUT).until(condition);
	}

}
