package dev.websocket.server.sample.chat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

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
 */
final class HeadlessChromium {

	private HeadlessChromium() {
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
