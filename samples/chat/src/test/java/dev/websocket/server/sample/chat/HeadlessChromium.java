package dev.websocket.server.sample.chat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts Debian's headless Chromium through its chromedriver, both at explicit paths
 * (override with the {@code chromium.binary} and {@code chromedriver.binary} system
 * properties), with a fresh profile under {@code target/}. Missing binaries fail the
 * test: CI installs them.
 * <p>
 * As an extension, one browser for all tests of a class, quit after the last:
 *
 * <pre>{@code @RegisterExtension
 * static final HeadlessChromium browser = new HeadlessChromium(ChatPage.TIMEOUT);}</pre>
 */
final class HeadlessChromium implements BeforeAllCallback, AfterAllCallback {

	private final @Nullable Duration scriptTimeout;

	private @Nullable WebDriver driver;

	/** A browser with the driver's default script timeout. */
	HeadlessChromium() {
		this.scriptTimeout = null;
	}

	/** A browser whose scripts, {@link #resolve} ones included, have this deadline. */
	HeadlessChromium(Duration scriptTimeout) {
		this.scriptTimeout = scriptTimeout;
	}

	/** The browser, started before the class's first test. */
	WebDriver driver() {
		if (this.driver == null) {
			throw new IllegalStateException("the browser starts before the class's first test");
		}
		return this.driver;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.driver = start();
		if (this.scriptTimeout != null) {
			this.driver.manage().timeouts().scriptTimeout(this.scriptTimeout);
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.driver != null) {
			this.driver.quit();
			this.driver = null;
		}
	}

	/**
	 * Runs a script in the current page and waits, up to the script timeout, for the
	 * promise it ends with; the script sees {@code url}, the page's WAMP endpoint.
	 * @param definitions statements run first (helpers the promise uses), or empty
	 * @param promise an expression of a promise that resolves to an object
	 * @return what the promise resolved to; a rejection fails the test with its error
	 */
	@SuppressWarnings("unchecked")
	Map<String, Object> resolve(String definitions, String promise) {
		String script = """
				const done = arguments[arguments.length - 1];
				const url = `ws://${location.host}/ws`;
				%s
				(%s)
					.then((result) => done(result), (error) => done({scriptError: String(error && error.stack || error)}));
				"""
			.formatted(definitions, promise);
		Object result = ((JavascriptExecutor) driver()).executeAsyncScript(script);
		assertThat(result).isInstanceOf(Map.class);
		Map<String, Object> map = (Map<String, Object>) result;
		assertThat(map).doesNotContainKey("scriptError");
		return map;
	}

	static WebDriver start() throws IOException {
		File chromium = new File(System.getProperty("chromium.binary", "/usr/bin/chromium"));
		File chromedriver = new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
		assertThat(chromium).as("Chromium (apt-get install chromium chromium-driver)").canRead();
		assertThat(chromedriver).as("chromedriver (apt-get install chromium chromium-driver)").canRead();
		Path profile = Files.createDirectories(Path.of("target", "chromium-profile-" + UUID.randomUUID()));
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,800");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

}
