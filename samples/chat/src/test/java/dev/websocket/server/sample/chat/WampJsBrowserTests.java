package dev.websocket.server.sample.chat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API of {@code wamp.js} in a real headless Chromium against the running app: each
 * test runs a script that imports the module and reports what it saw.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WampJsBrowserTests {

	@LocalServerPort
	private int port;

	@RegisterExtension
	static final HeadlessChromium browser = new HeadlessChromium(ChatPage.TIMEOUT);

	@BeforeEach
	void openPage() {
		browser.driver().get("http://localhost:" + this.port + "/");
	}

	@Test
	void callResolvesWithTheResultAndRejectsWithUriDescAndDetails() {
		Map<String, Object> result = run("""
				const s = await wamp.connect(url);
				const sum = await s.call("sample/sum", 1, 2, 3);
				const list = await s.call("sample/sum", [1, 2, 3]);
				const echo = await s.call("sample/echo", {a: [1, null]});
				const fail = await s.call("sample/fail").catch((e) => e);
				const unknown = await s.call("sample/nothing").catch((e) => e);
				s.close();
				return {sum, list, echo, failUri: fail.uri, failDesc: fail.desc, isError: fail instanceof Error,
					unknownUri: unknown.uri, unknownCode: unknown.details.code};
				""");
		assertThat(result).containsEntry("sum", 6L)
			.containsEntry("list", 6L)
			.containsEntry("echo", Map.of("a", java.util.Arrays.asList(1L, null)))
			.containsEntry("failUri", "http://example.com/error#sample-failure")
			.containsEntry("failDesc", "sample/fail always fails")
			.containsEntry("isError", true)
			.containsEntry("unknownUri", "http://api.wamp.ws/error#NoSuchRPCEndpoint")
			.containsEntry("unknownCode", 404L);
	}

	@Test
	void prefixesExpandAndShrinkCuriesAndWorkOnTheWire() {
		Map<String, Object> result = run("""
				const s = await wamp.connect(url);
				s.prefix("s", "sample/");
				const resolved = s.resolve("s:clock");
				const shrunk = s.shrink("sample/clock");
				const untouched = s.resolve("http://example.com/x");
				const sum = await s.call("s:sum", 1, 2);
				const topic = await new Promise((resolve) => s.subscribe("s:clock", (event, topic) => resolve(topic)));
				s.close();
				return {resolved, shrunk, untouched, sum, topic};
				""");
		assertThat(result).containsEntry("resolved", "sample/clock")
			.containsEntry("shrunk", "s:clock")
			.containsEntry("untouched", "http://example.com/x")
			.containsEntry("sum", 3L)
			.containsEntry("topic", "sample/clock");
	}

	@Test
	void publishHonorsExcludeMeExcludeAndEligible() {
		Map<String, Object> result = run("""
				const topic = "chat/wampjs-publish";
				const a = await wamp.connect(url), b = await wamp.connect(url);
				const seen = {a: [], b: []};
				const joined = (session, name) => new Promise((resolve) => session.subscribe(topic, (event) => {
					if (event.type === "presence") { if (event.session === session.id) resolve(); }
					else seen[name].push(event.n);
				}));
				await joined(a, "a");
				await joined(b, "b");
				a.publish(topic, {n: 1});
				a.publish(topic, {n: 2}, true);
				a.publish(topic, {n: 3}, [b.id]);
				a.publish(topic, {n: 4}, [], [b.id]);
				a.publish(topic, {n: 5});
				await new Promise((resolve) => {
					const check = () => (seen.a.includes(5) && seen.b.includes(5)) ? resolve() : setTimeout(check, 50);
					check();
				});
				a.close();
				b.close();
				return seen;
				""");
		assertThat(result).containsEntry("a", List.of(1L, 3L, 5L)).containsEntry("b", List.of(1L, 2L, 4L, 5L));
	}

	@Test
	void unsubscribeStopsTheEvents() {
		Map<String, Object> result = run(
				"""
						const topic = "chat/wampjs-unsubscribe";
						const listener = await wamp.connect(url), publisher = await wamp.connect(url);
						const seen = [];
						await new Promise((resolve) => listener.subscribe(topic, (event) => {
							if (event.type === "presence") { if (event.session === listener.id) resolve(); }
							else seen.push(event.n);
						}));
						listener.unsubscribe(topic);
						// the publisher's own copy arrives after the listener's UNSUBSCRIBE took effect
						await new Promise((resolve) => publisher.subscribe(topic, (event) => {
							if (event.n === 1) resolve();
							else if (event.type === "presence" && event.session === publisher.id) publisher.publish(topic, {n: 1});
						}));
						// an EVENT queued for the listener would reach it before the answer to a later call
						await listener.call("sample/echo", 0);
						listener.close();
						publisher.close();
						return {seen};
						""");
		assertThat(result).containsEntry("seen", List.of());
	}

	@Test
	void reconnectsAfterTheServerClosesAndSubscribesAgain() {
		Map<String, Object> result = run(
				"""
						const topic = "chat/wampjs-reconnect";
						const closes = [];
						let opened;
						let reopened = new Promise((resolve) => opened = resolve);
						const s = await wamp.connect(url, {
							reconnect: {initialDelay: 100, maxDelay: 200},
							onClose: (info) => closes.push(info),
							onOpen: (session) => opened(session.id),
						});
						const firstId = await reopened;
						reopened = new Promise((resolve) => opened = resolve);
						const texts = [];
						s.subscribe(topic, (event) => { if (event.text) texts.push(event.text); });
						s.socket.send("not WAMP");                       // the server closes with 1007
						const secondId = await reopened;
						const publisher = await wamp.connect(url);
						await new Promise((resolve) => {
							const tick = () => { publisher.publish(topic, {text: "after"}); texts.length ? resolve() : setTimeout(tick, 100); };
							tick();
						});
						publisher.close();
						s.close();
						return {changed: firstId !== secondId, code: closes[0].code, retrying: closes[0].retrying, text: texts[0]};
						""");
		assertThat(result).containsEntry("changed", true)
			.containsEntry("code", 1007L)
			.containsEntry("retrying", true)
			.containsEntry("text", "after");
	}

	/**
	 * Runs an async function body with {@code wamp} (the module) and {@code url} in
	 * scope.
	 */
	private Map<String, Object> run(String body) {
		return browser.resolve("", "import(\"/wamp-client/wamp.js\").then(async (wamp) => { %s })".formatted(body));
	}

}
