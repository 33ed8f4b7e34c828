package dev.websocket.server.sample.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page in a real headless Chromium: two windows chat, the calculator, a REST
 * push, a failed call, the controls before joining and after leaving, a WAMP-CRA login.
 * Leaves a screenshot of each state under {@code target/} ({@code chat-*.png}) for a
 * person to look at.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatPageBrowserTests {

	/** The controls that need a session. */
	private static final List<String> SESSION_CONTROLS = List.of("leave", "message", "send", "sum-input", "sum-button",
			"fail-button", "auth-key", "auth-secret", "login");

	@LocalServerPort
	private int port;

	@RegisterExtension
	static final HeadlessChromium browser = new HeadlessChromium();

	@Test
	void controlsAreDisabledUntilJoined() throws IOException {
		browser.driver().get(baseUrl());
		ChatPage page = new ChatPage(browser.driver());
		page.waitForText("status", "Not connected");
		SESSION_CONTROLS.forEach((id) -> assertThat(page.isEnabled(id)).as(id).isFalse());
		assertThat(page.isEnabled("join")).isTrue();
		assertThat(page.screenshot("chat-1-not-joined")).isNotEmptyFile();

		page.open(baseUrl(), "erin", "controls");
		SESSION_CONTROLS.forEach((id) -> assertThat(page.isEnabled(id)).as(id).isTrue());
	}

	@Test
	void twoPagesChatComputeASumAndReceiveARestPush() throws Exception {
		String room = "browser-" + UUID.randomUUID().toString().substring(0, 8);
		ChatPage page = new ChatPage(browser.driver());
		page.open(baseUrl(), "ann", room);
		String ann = browser.driver().getWindowHandle();
		browser.driver().switchTo().newWindow(WindowType.WINDOW);
		page.open(baseUrl(), "bob", room);
		String bob = browser.driver().getWindowHandle();
		page.waitForText("presence", "ann");

		browser.driver().switchTo().window(ann);
		page.waitForText("presence", "bob");
		page.waitForText("presence-count", "(2)");
		page.send("Hello from Ann");
		browser.driver().switchTo().window(bob);
		page.waitForText("messages", "Hello from Ann");
		page.send("Hi Ann, Bob here");
		browser.driver().switchTo().window(ann);
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
		browser.driver().switchTo().window(bob);
		page.waitForText("messages", "Pushed from a REST controller");
		browser.driver().close();

		browser.driver().switchTo().window(ann);
		page.waitForText("presence-log", "bob left");
		page.waitForText("presence-count", "(1)");
		page.until((browser) -> !page.text("clock").equals("–"));
		assertThat(page.text("status")).isEqualTo("Connected as ann in room " + room)
			.doesNotContain(page.text("session-id"));
		assertThat(page.text("session-id")).hasSizeGreaterThanOrEqualTo(16);
		assertThat(page.hasClass("presence-panel", "stale")).isFalse();
		assertThat(page.screenshot("chat-2-joined")).isNotEmptyFile();
	}

	@Test
	void invalidSumInputClearsTheOldResult() throws IOException {
		ChatPage page = new ChatPage(browser.driver()).open(baseUrl(), "frank", "sums");
		page.sum("4 5");
		page.until((browser) -> page.text("sum-result").equals("9"));
		page.sum("4 five");
		page.waitForText("error", "Enter numbers");
		assertThat(page.text("sum-result")).isEqualTo("–");
		assertThat(page.screenshot("chat-3-invalid-input")).isNotEmptyFile();
	}

	@Test
	void failedCallShowsItsDescription() {
		ChatPage page = new ChatPage(browser.driver()).open(baseUrl(), "carol", "errors");
		page.click("fail-button");
		page.waitForText("error", "sample/fail always fails");
	}

	@Test
	void leaveClosesTheSessionDisablesTheControlsAndGreysOutPresence() throws IOException {
		ChatPage page = new ChatPage(browser.driver()).open(baseUrl(), "gina", "leaving");
		page.click("leave");
		page.waitForText("status", "You left room leaving.");
		SESSION_CONTROLS.forEach((id) -> assertThat(page.isEnabled(id)).as(id).isFalse());
		assertThat(page.hasClass("presence-panel", "stale")).isTrue();
		assertThat(page.hasClass("clock-line", "stale")).isTrue();
		assertThat(page.text("session-id")).isEqualTo("–");
		assertThat(page.text("presence")).isEmpty();
		assertThat(page.screenshot("chat-4-left")).isNotEmptyFile();

		page.click("join");
		page.waitForText("status", "Connected as gina");
	}

	@Test
	void theLoginFormSignsInWithAPlainAndASaltedSecret() throws IOException {
		ChatPage page = new ChatPage(browser.driver()).open(baseUrl(), "hugo", "logins");
		page.login("joe", "secret");
		page.waitForText("whoami", "joe");
		assertThat(page.text("error")).isEmpty();
		assertThat(page.screenshot("chat-6-logged-in")).isNotEmptyFile();

		page.open(baseUrl(), "hugo", "logins");
		page.login("peter", "secret");
		page.waitForText("whoami", "peter");
	}

	@Test
	void aWrongSecretIsRefused() {
		ChatPage page = new ChatPage(browser.driver()).open(baseUrl(), "ivy", "logins");
		page.login("joe", "wrong");
		page.until((browser) -> !page.text("error").isEmpty());
		assertThat(page.text("whoami")).isEqualTo("–");
	}

	@Test
	void thePageHasAFaviconAndLoadsTheClientFromTheStartersPath() throws Exception {
		browser.driver().get(baseUrl());
		String icon = browser.driver().findElement(By.cssSelector("link[rel=icon]")).getDomProperty("href");
		String client = browser.driver().findElement(By.cssSelector("script:not([type])")).getDomProperty("src");
		assertThat(client).isEqualTo(baseUrl() + "wamp-client/ab.js");
		HttpResponse<String> favicon = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(icon)).timeout(ChatPage.TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(favicon.statusCode()).isEqualTo(200);
		assertThat(favicon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
	}

	private String baseUrl() {
		return "http://localhost:" + port + "/";
	}

}
