// The native Promise API (connect, Session) against the chat sample.
import { test } from "node:test";
import assert from "node:assert/strict";
import { room, serverUrl, until } from "./support.mjs";
import { CONNECTION_LOST, WampError, connect } from "../wamp.js";

test("call resolves with the result and rejects with a WampError", async () => {
	const session = await connect(serverUrl());
	assert.equal(await session.call("sample/sum", [1, 2, 3]), 6);
	const error = await session.call("sample/fail").catch((failure) => failure);
	assert.ok(error instanceof WampError);
	assert.equal(error.uri, "http://example.com/error#sample-failure");
	assert.equal(error.desc, "sample/fail always fails");
	session.close();
	const closed = await session.call("sample/sum", 1).catch((failure) => failure);
	assert.equal(closed.uri, CONNECTION_LOST);
});

test("subscribe handlers get (event, topic) and publish honours excludeMe", async () => {
	const topic = room("native");
	const a = await connect(serverUrl());
	const b = await connect(serverUrl());
	const seen = { a: [], b: [] };
	const joined = (session, name) => new Promise((resolve) => session.subscribe(topic, (event, uri) => {
		assert.equal(uri, topic);
		if (event.type === "presence") {
			if (event.session === session.id) {
				resolve();
			}
		}
		else {
			seen[name].push(event.n);
		}
	}));
	await joined(a, "a");
	await joined(b, "b");
	a.publish(topic, { n: 1 }, true);
	a.publish(topic, { n: 2 });
	await until(() => seen.a.includes(2) && seen.b.includes(2), 10000, "event 2");
	assert.deepEqual(seen, { a: [2], b: [1, 2] });
	a.close();
	b.close();
});

test("a dropped connection reconnects and subscribes again", async () => {
	const topic = room("native-reconnect");
	const opens = [];
	const session = await connect(serverUrl(), { reconnect: { initialDelay: 50, maxDelay: 100 }, onOpen: (s) => opens.push(s.id) });
	const texts = [];
	session.subscribe(topic, (event) => event.text && texts.push(event.text));
	session.socket.send("not WAMP");
	await until(() => opens.length === 2, 10000, "the reconnect");
	const publisher = await connect(serverUrl());
	await until(() => {
		publisher.publish(topic, { text: "after" });
		return texts.length > 0;
	}, 10000, "an event after the reconnect");
	assert.notEqual(opens[0], opens[1]);
	publisher.close();
	session.close();
});
