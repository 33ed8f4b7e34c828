package dev.websocket.server.sample.chat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AutobahnJS 0.8's API in a real headless Chromium, through the global {@code ab} that
 * the classic script {@code /wamp-client/ab.js} defines on the chat page, with the flows
 * front ends written for AutobahnJS 0.8 use, WAMP-CRA login against the sample's
 * credentials included: each test runs a script and reports what it saw.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AbCompatBrowserTests {

	@LocalServerPort
	private int port;

	@RegisterExtension
	static final HeadlessChromium browser = new HeadlessChromium(ChatPage.TIMEOUT);

	@BeforeEach
	void openPage() {
		browser.driver().get("http://localhost:" + this.port + "/");
	}

	@Test
	void connectCallsAndRejectsWithUriDescAndDetail() {
		Map<String, Object> result = run("""
				const s = await open();
				const sum = await s.call("sample/sum", 1, 2, 3);
				const fail = await s.call("sample/fail").then(() => null, (e) => e);
				const unknown = await s.call("sample/nothing").then(() => null, (e) => e);
				const id = s.sessionid();
				s.close();
				return {sum, thenable: typeof s.call("sample/sum", 1).then, id,
					failUri: fail.uri, failDesc: fail.desc, unknownUri: unknown.uri, unknownCode: unknown.detail.code};
				""");
		assertThat(result).containsEntry("sum", 6L)
			.containsEntry("thenable", "function")
			.containsEntry("failUri", "http://example.com/error#sample-failure")
			.containsEntry("failDesc", "sample/fail always fails")
			.containsEntry("unknownUri", "http://api.wamp.ws/error#NoSuchRPCEndpoint")
			.containsEntry("unknownCode", 404L);
		assertThat((String) result.get("id")).hasSizeGreaterThanOrEqualTo(16);
	}

	@Test
	void subscribeGetsTopicThenEventAndPublishHonorsExcludeMeExcludeAndEligible() {
		Map<String, Object> result = run("""
				const topic = "chat/ab-publish";
				const a = await open(), b = await open();
				const seen = {a: [], b: [], topic: null};
				const joined = (session, name) => new Promise((resolve) => session.subscribe(topic, (uri, event) => {
					if (event.type === "presence") { if (event.session === session.sessionid()) resolve(); }
					else { seen.topic = uri; seen[name].push(event.n); }
				}));
				await joined(a, "a");
				await joined(b, "b");
				a.publish(topic, {n: 1});
				a.publish(topic, {n: 2}, true);
				a.publish(topic, {n: 3}, [b.sessionid()]);
				a.publish(topic, {n: 4}, [], [b.sessionid()]);
				a.publish(topic, {n: 5}, [a.sessionid()], [a.sessionid(), b.sessionid()]);
				a.publish(topic, {n: 6});
				await until(() => seen.a.includes(6) && seen.b.includes(6));
				a.close();
				b.close();
				return seen;
				""");
		assertThat(result).containsEntry("a", List.of(1L, 3L, 6L))
			.containsEntry("b", List.of(1L, 2L, 4L, 5L, 6L))
			.containsEntry("topic", "chat/ab-publish");
	}

	@Test
	void unsubscribeStopsOneCallbackThenAll() {
		Map<String, Object> result = run("""
				const topic = "chat/ab-unsubscribe";
				const s = await open();
				const one = [], two = [];
				const first = (uri, event) => { if (event.n) one.push(event.n); };
				const second = (uri, event) => { if (event.n) two.push(event.n); };
				await new Promise((resolve) => s.subscribe(topic, (uri, event) => resolve()));
				s.subscribe(topic, first);
				s.subscribe(topic, second);
				s.publish(topic, {n: 1});
				await until(() => two.includes(1));
				s.unsubscribe(topic, first);
				s.publish(topic, {n: 2});
				await until(() => two.includes(2));
				s.unsubscribe(topic);
				s.publish(topic, {n: 3});
				await s.call("sample/echo", 0);
				let threw = false;
				try { s.unsubscribe(topic); } catch (e) { threw = true; }
				s.close();
				return {one, two, threw};
				""");
		assertThat(result).containsEntry("one", List.of(1L))
			.containsEntry("two", List.of(1L, 2L))
			.containsEntry("threw", true);
	}

	@Test
	void prefixShrinksCuriesAndWorksOnTheWire() {
		Map<String, Object> result = run("""
				const s = await open();
				s.prefix("s", "sample/");
				const shrunk = s.shrink("sample/clock");
				const resolved = s.resolve("s:clock");
				const unresolved = s.resolve("x:y", false);
				const sum = await s.call("s:sum", 2, 3);
				const topic = await new Promise((resolve) => s.subscribe("s:clock", (uri) => resolve(uri)));
				s.close();
				return {shrunk, resolved, unresolved, sum, topic};
				""");
		assertThat(result).containsEntry("shrunk", "s:clock")
			.containsEntry("resolved", "sample/clock")
			.containsEntry("unresolved", null)
			.containsEntry("sum", 5L)
			.containsEntry("topic", "sample/clock");
	}

	@Test
	void aLostConnectionIsReconnectedAndOnconnectRunsAgain() {
		Map<String, Object> result = run("""
				const sessions = [], hangups = [];
				ab.connect(url, (s) => sessions.push(s), (code, reason, detail) => { hangups.push({code, detail}); },
					{retryDelay: 200, maxRetries: 5});
				await until(() => sessions.length === 1);
				const first = sessions[0].sessionid();
				sessions[0]._session.socket.send("not WAMP");           // the server closes with 1007
				await until(() => sessions.length === 2);
				const sum = await sessions[1].call("sample/sum", 1, 1);
				const second = sessions[1].sessionid();
				sessions[1].close();
				await until(() => hangups.length === 2);
				return {changed: first !== second, sum, lost: hangups[0].code, delay: hangups[0].detail.delay,
					closed: hangups[1].code, expected: [ab.CONNECTION_LOST_SCHEDULED_RECONNECT, ab.CONNECTION_CLOSED]};
				""");
		assertThat(result).containsEntry("changed", true)
			.containsEntry("sum", 2L)
			.containsEntry("lost", 6L)
			.containsEntry("delay", 200L)
			.containsEntry("closed", 0L)
			.containsEntry("expected", List.of(6L, 0L));
	}

	@Test
	void closeHangsUpWithConnectionClosedAndDoesNotReconnect() {
		Map<String, Object> result = run(
				"""
						const sessions = [], hangups = [];
						ab.connect(url, (s) => sessions.push(s), (code, reason) => { hangups.push({code, reason}); }, {retryDelay: 50});
						await until(() => sessions.length === 1);
						sessions[0].close();
						await until(() => hangups.length === 1);
						await new Promise((resolve) => setTimeout(resolve, 500));
						return {sessions: sessions.length, hangups};
						""");
		assertThat(result).containsEntry("sessions", 1L)
			.containsEntry("hangups", List.of(Map.of("code", 0L, "reason", "Connection was closed properly [Bye]")));
	}

	@Test
	void wampCraLogsInWithAPlainSecretASaltedOneAndAnonymously() {
		Map<String, Object> result = run(
				"""
						const joe = await open();
						await joe.authreq("joe").then((ch) => joe.auth(joe.authsign(ch, "secret")));
						const peter = await open();
						await peter.authreq("peter").then((ch) => peter.auth(peter.authsign(ch, ab.deriveKey("secret", JSON.parse(ch).authextra))));
						const anonymous = await open();
						await anonymous.authreq(null).then(() => anonymous.auth());
						const wrong = await open();
						const refused = await wrong.authreq("joe").then((ch) => wrong.auth(wrong.authsign(ch, "not the secret")))
							.then(() => null, (e) => e.uri);
						const who = {joe: await joe.call("sample/whoami"), peter: await peter.call("sample/whoami"),
							anonymous: await anonymous.call("sample/whoami"), wrong: await wrong.call("sample/whoami"), refused};
						[joe, peter, anonymous, wrong].forEach((s) => s.close());
						return who;
						""");
		assertThat(result).containsEntry("joe", "joe")
			.containsEntry("peter", "peter")
			.containsEntry("anonymous", null)
			.containsEntry("wrong", null)
			.containsEntry("refused", "http://api.wamp.ws/error#invalid-signature");
	}

	@Test
	void authsignAndDeriveKeyInChromiumMatchJavaxCrypto() throws Exception {
		String challenge = "{\"authid\":\"x\\u00e9\",\"authkey\":\"peter\",\"timestamp\":\"2026-01-01T00:00:00Z\"}";
		Map<String, Object> result = run("""
				const challenge = %s;
				const key = ab.deriveKey("secret", {salt: "salt123", keylen: 32, iterations: 1000});
				return {plain: ab.Session.prototype.authsign(challenge, "secret"), key,
					salted: ab.Session.prototype.authsign(challenge, key)};
				""".formatted(jsString(challenge)));
		String key = Base64.getEncoder()
			.encodeToString(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
				.generateSecret(
						new PBEKeySpec("secret".toCharArray(), "salt123".getBytes(StandardCharsets.UTF_8), 1000, 256))
				.getEncoded());
		assertThat(result).containsEntry("plain", hmac("secret", challenge))
			.containsEntry("key", key)
			.containsEntry("salted", hmac(key, challenge));
	}

	private static String hmac(String key, String text) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
	}

	private static String jsString(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	/**
	 * Runs an async function body with {@code url}, {@code open(options)} (ab.connect as
	 * a Promise of the session) and {@code until(condition)} in scope.
	 */
	private Map<String, Object> run(String body) {
		return browser.resolve(
				"""
						const open = (options) => new Promise((resolve, reject) =>
							ab.connect(url, resolve, (code, reason) => reject(new Error(code + " " + reason)), options));
						const until = (condition) => new Promise((resolve, reject) => {
							const deadline = Date.now() + 15000;
							const check = () => condition() ? resolve() : Date.now() > deadline ? reject(new Error("timed out")) : setTimeout(check, 20);
							check();
						});
						""",
				"(async () => { %s })()".formatted(body));
	}

}
