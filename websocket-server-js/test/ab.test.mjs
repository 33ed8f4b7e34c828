// AutobahnJS 0.8's API (ab.connect and ab.Session) against the chat sample, as front ends use it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { room, serverUrl, until } from "./support.mjs";
import { ab } from "../wamp.js";

/** ab.connect as a Promise of the first session; every hang-up is recorded in `hangups`. */
function connect(options, onconnect = () => {}) {
	const hangups = [];
	const sessions = [];
	const opened = new Promise((resolve, reject) => {
		ab.connect(serverUrl(), (session) => {
			sessions.push(session);
			onconnect(session);
			resolve(session);
		}, (code, reason, detail) => {
			hangups.push({ code, reason, detail });
			if (sessions.length === 0) {
				reject(new Error(`hung up with ${code}: ${reason}`));
			}
		}, options);
	});
	return { opened, hangups, sessions };
}

/** Subscribes and resolves once the room's own presence event shows the subscription is in place. */
function join(session, topic, onEvent) {
	return new Promise((resolve) => session.subscribe(topic, (uri, event) => {
		if (event && event.type === "presence") {
			if (event.session === session.sessionid()) {
				resolve();
			}
		}
		else {
			onEvent(uri, event);
		}
	}));
}

test("the hang-up codes are AutobahnJS 0.8's", () => {
	assert.deepEqual([ab.CONNECTION_CLOSED, ab.CONNECTION_LOST, ab.CONNECTION_RETRIES_EXCEEDED, ab.CONNECTION_UNREACHABLE,
		ab.CONNECTION_UNSUPPORTED, ab.CONNECTION_UNREACHABLE_SCHEDULED_RECONNECT, ab.CONNECTION_LOST_SCHEDULED_RECONNECT],
		[0, 1, 2, 3, 4, 5, 6]);
});

test("call resolves with the result and rejects with uri, desc and detail", async () => {
	const { opened } = connect();
	const session = await opened;
	assert.match(session.sessionid(), /^\S{16,}$/);
	assert.equal(await session.call("sample/sum", 1, 2, 3), 6);
	const failure = await session.call("sample/fail").then(() => null, (error) => error);
	assert.equal(failure.uri, "http://example.com/error#sample-failure");
	assert.equal(failure.desc, "sample/fail always fails");
	const unknown = await session.call("sample/nothing").then(() => null, (error) => error);
	assert.equal(unknown.uri, "http://api.wamp.ws/error#NoSuchRPCEndpoint");
	assert.equal(unknown.detail.code, 404);
	session.close();
});

test("subscribe callbacks get (topic, event), and publish honours excludeMe, exclude and eligible", async () => {
	const topic = room("ab-publish");
	const a = await connect().opened;
	const b = await connect().opened;
	const seen = { a: [], b: [], topics: new Set() };
	await join(a, topic, (uri, event) => {
		seen.topics.add(uri);
		seen.a.push(event.n);
	});
	await join(b, topic, (uri, event) => seen.b.push(event.n));
	a.publish(topic, { n: 1 });
	a.publish(topic, { n: 2 }, true);
	a.publish(topic, { n: 3 }, false);
	a.publish(topic, { n: 4 }, [b.sessionid()]);
	a.publish(topic, { n: 5 }, [], [b.sessionid()]);
	a.publish(topic, { n: 6 }, [a.sessionid()], [a.sessionid(), b.sessionid()]);
	a.publish(topic, { n: 7 });
	await until(() => seen.a.includes(7) && seen.b.includes(7), 10000, "the last event");
	assert.deepEqual(seen.a, [1, 3, 4, 7]);
	assert.deepEqual(seen.b, [1, 2, 3, 5, 6, 7]);
	assert.deepEqual([...seen.topics], [topic]);
	assert.throws(() => a.publish(topic, {}, "everyone"), /invalid argument/);
	a.close();
	b.close();
});

test("unsubscribe removes one callback, then all; unsubscribing an unknown topic throws", async () => {
	const topic = room("ab-unsubscribe");
	const session = await connect().opened;
	const first = [];
	const second = [];
	const one = (uri, event) => event.n && first.push(event.n);
	const two = (uri, event) => event.n && second.push(event.n);
	await join(session, topic, () => {});
	session.subscribe(topic, one);
	session.subscribe(topic, two);
	assert.throws(() => session.subscribe(topic, one), /already subscribed/);
	session.publish(topic, { n: 1 });
	await until(() => second.includes(1), 10000, "event 1");
	session.unsubscribe(topic, one);
	session.publish(topic, { n: 2 });
	await until(() => second.includes(2), 10000, "event 2");
	session.unsubscribe(topic);
	session.publish(topic, { n: 3 });
	// an EVENT sent before the answer to a later call would arrive before that answer
	await session.call("sample/echo", 0);
	assert.deepEqual(first, [1]);
	assert.deepEqual(second, [1, 2]);
	assert.throws(() => session.unsubscribe(topic), /not subscribed/);
	session.close();
});

test("prefix defines a CURIE that calls, subscriptions and shrink use", async () => {
	const session = await connect().opened;
	session.prefix("s", "sample/");
	assert.equal(session.shrink("sample/clock"), "s:clock");
	assert.equal(session.resolve("s:clock"), "sample/clock");
	assert.equal(session.resolve("x:unknown"), "x:unknown");
	assert.equal(session.resolve("x:unknown", false), null);
	assert.equal(session.shrink("other/uri", false), null);
	assert.equal(await session.call("s:sum", 2, 3), 5);
	const topic = await new Promise((resolve) => session.subscribe("s:clock", (uri) => resolve(uri)));
	assert.equal(topic, "sample/clock");
	session.close();
});

test("close hangs up with CONNECTION_CLOSED and does not reconnect", async () => {
	const { opened, hangups, sessions } = connect({ retryDelay: 50 });
	const session = await opened;
	session.close();
	await until(() => hangups.length > 0, 5000, "the hang-up");
	await new Promise((resolve) => setTimeout(resolve, 300));
	assert.equal(hangups.length, 1);
	assert.equal(hangups[0].code, ab.CONNECTION_CLOSED);
	assert.equal(sessions.length, 1);
	assert.equal(session.sessionid(), null);
});

test("a lost connection schedules a reconnect and onconnect runs again with a new session", async () => {
	const { opened, hangups, sessions } = connect({ retryDelay: 100, maxRetries: 3 });
	const first = await opened;
	first._session.socket.send("not WAMP"); // the server closes with 1007
	await until(() => sessions.length === 2, 10000, "the second onconnect");
	assert.equal(hangups[0].code, ab.CONNECTION_LOST_SCHEDULED_RECONNECT);
	assert.deepEqual(hangups[0].detail, { delay: 100, retries: 1, maxretries: 3 });
	assert.notEqual(sessions[1].sessionid(), first.sessionid());
	assert.equal(await sessions[1].call("sample/sum", 1, 1), 2);
	sessions[1].close();
});

test("onhangup returning true stops the reconnect with CONNECTION_RETRIES_EXCEEDED", async () => {
	const hangups = [];
	const session = await new Promise((resolve) => ab.connect(serverUrl(), resolve, (code) => {
		hangups.push(code);
		return true;
	}, { retryDelay: 50 }));
	session._session.socket.send("not WAMP");
	await until(() => hangups.length === 2, 5000, "two hang-ups");
	assert.deepEqual(hangups, [ab.CONNECTION_LOST_SCHEDULED_RECONNECT, ab.CONNECTION_RETRIES_EXCEEDED]);
});

test("a server that cannot be reached hangs up with CONNECTION_UNREACHABLE and no retry", async () => {
	const hangups = [];
	ab.connect("ws://127.0.0.1:1/ws", () => assert.fail("connected"), (code, reason) => hangups.push({ code, reason }),
		{ retryDelay: 50 });
	await until(() => hangups.length > 0, 5000, "the hang-up");
	await new Promise((resolve) => setTimeout(resolve, 300));
	assert.deepEqual(hangups, [{ code: ab.CONNECTION_UNREACHABLE, reason: "Connection could not be established." }]);
});

test("without a WebSocket the hang-up is CONNECTION_UNSUPPORTED", () => {
	const saved = globalThis.WebSocket;
	const hangups = [];
	try {
		delete globalThis.WebSocket;
		ab.connect(serverUrl(), () => assert.fail("connected"), (code) => hangups.push(code));
	}
	finally {
		globalThis.WebSocket = saved;
	}
	assert.deepEqual(hangups, [ab.CONNECTION_UNSUPPORTED]);
});

test("ab.debug logs the WAMP messages sent and received", async () => {
	const lines = [];
	const log = console.log;
	console.log = (...args) => lines.push(args.join(" "));
	try {
		ab.debug(true, true);
		const session = await connect().opened;
		await session.call("sample/sum", 4, 5);
		session.close();
	}
	finally {
		ab.debug(false, false);
		console.log = log;
	}
	assert.ok(lines.some((line) => line.startsWith("WAMP send") && line.includes("\"sample/sum\",4,5")), lines.join("\n"));
	assert.ok(lines.some((line) => line.startsWith("WAMP receive") && line.includes("[3,")), lines.join("\n"));
	assert.ok(lines.some((line) => line.startsWith("WebSocket open")), lines.join("\n"));
});

test("call's promise has when.js's otherwise and always, also down a chain", async () => {
	const session = await connect().opened;
	const failed = await session.call("sample/fail").otherwise((error) => error.uri);
	const settled = [];
	await session.call("sample/sum", 1, 2).then((sum) => sum * 2).always((value) => settled.push(value));
	assert.equal(failed, "http://example.com/error#sample-failure");
	assert.deepEqual(settled, [6]);
	session.close();
});

test("skipSubprotocolAnnounce offers no subprotocol, which the server refuses: CONNECTION_UNREACHABLE", async () => {
	const hangups = [];
	ab.connect(serverUrl(), () => assert.fail("connected"), (code) => hangups.push(code), { skipSubprotocolAnnounce: true });
	await until(() => hangups.length > 0, 5000, "the hang-up");
	assert.deepEqual(hangups, [ab.CONNECTION_UNREACHABLE]);
});
