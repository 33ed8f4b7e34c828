// WAMP-CRA with AutobahnJS 0.8's calls against a fixture server in this file: a WAMP v1 endpoint
// that issues challenges and checks signatures with Node's own crypto, as issue 13 specifies
// (challenge JSON text; Base64(HMAC-SHA256(key, challenge)); a salted key is
// Base64(PBKDF2-HMAC-SHA256(secret, salt, iterations, keylen)) used as its UTF-8 text).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { WebSocketServer } from "ws";
import "./support.mjs";
import { AUTH_URI, AUTHREQ_URI, ab, deriveKey } from "../wamp.js";

const ERROR = "http://api.wamp.ws/error#";
const USERS = {
	joe: { secret: "secret" },
	peter: { secret: "secret", authextra: { salt: "salt123", keylen: 32, iterations: 1000 } },
};

let server;
let url;
const received = [];

before(async () => {
	server = new WebSocketServer({ port: 0, host: "127.0.0.1", handleProtocols: (protocols) => (protocols.has("wamp") ? "wamp" : false) });
	server.on("connection", (socket) => {
		const sessionId = randomBytes(12).toString("base64url");
		let pending = null;
		let authenticated = null;
		const send = (message) => socket.send(JSON.stringify(message));
		send([0, sessionId, 1, "cra-fixture"]);
		socket.on("message", (data) => {
			const [type, callId, procedure, ...args] = JSON.parse(data.toString());
			if (type !== 2) {
				return;
			}
			received.push([procedure, ...args]);
			if (procedure === AUTHREQ_URI) {
				const [authKey] = args;
				if (authKey === null) {
					pending = { anonymous: true };
					send([3, callId, null]);
					return;
				}
				const user = USERS[authKey];
				if (!user) {
					send([4, callId, ERROR + "no-such-authkey", "no such auth key"]);
					return;
				}
				const challenge = JSON.stringify({ authid: randomBytes(16).toString("base64url"), authkey: authKey,
					timestamp: new Date().toISOString(), sessionid: sessionId, extra: args[1] ?? {},
					permissions: { rpc: [], pubsub: [] }, ...(user.authextra ? { authextra: user.authextra } : {}) });
				pending = { authKey, challenge };
				send([3, callId, challenge]);
			}
			else if (procedure === AUTH_URI) {
				if (pending === null) {
					send([4, callId, ERROR + "no-authentication-requested", "call authreq first"]);
					return;
				}
				const request = pending;
				pending = null;
				if (request.anonymous) {
					send([3, callId, { rpc: [], pubsub: [] }]);
					return;
				}
				const user = USERS[request.authKey];
				const key = user.authextra
					? pbkdf2Sync(user.secret, user.authextra.salt, user.authextra.iterations, user.authextra.keylen, "sha256").toString("base64")
					: user.secret;
				const expected = createHmac("sha256", Buffer.from(key, "utf8")).update(request.challenge, "utf8").digest("base64");
				if (args[0] !== expected) {
					send([4, callId, ERROR + "invalid-signature", "signature is invalid"]);
					return;
				}
				authenticated = request.authKey;
				send([3, callId, { rpc: [], pubsub: [] }]);
			}
			else if (procedure === "sample/whoami") {
				send([3, callId, authenticated]);
			}
		});
	});
	await new Promise((resolve) => server.on("listening", resolve));
	url = `ws://127.0.0.1:${server.address().port}/`;
});

after(() => new Promise((resolve) => server.close(resolve)));

const open = () => new Promise((resolve, reject) => ab.connect(url, resolve, (code, reason) => reject(new Error(reason))));

test("authreq, authsign and auth log joe in with a plain secret", async () => {
	const session = await open();
	const permissions = await session.authreq("joe").then((challenge) => session.auth(session.authsign(challenge, "secret")));
	assert.deepEqual(permissions, { rpc: [], pubsub: [] });
	assert.equal(await session.call("sample/whoami"), "joe");
	assert.deepEqual(received.find(([procedure, key]) => procedure === AUTHREQ_URI && key === "joe"), [AUTHREQ_URI, "joe", null]);
	session.close();
});

test("a salted secret signs with ab.deriveKey of the challenge's authextra", async () => {
	const session = await open();
	const challenge = await session.authreq("peter");
	assert.deepEqual(JSON.parse(challenge).authextra, USERS.peter.authextra);
	await session.auth(session.authsign(challenge, ab.deriveKey("secret", JSON.parse(challenge).authextra)));
	assert.equal(await session.call("sample/whoami"), "peter");
	assert.equal(deriveKey, ab.deriveKey);
	session.close();
});

test("a wrong secret is refused with invalid-signature", async () => {
	const session = await open();
	const challenge = await session.authreq("joe");
	const error = await session.auth(session.authsign(challenge, "wrong")).then(() => null, (failure) => failure);
	assert.equal(error.uri, ERROR + "invalid-signature");
	assert.equal(await session.call("sample/whoami"), null);
	session.close();
});

test("anonymous authreq() sends two nulls and auth() one", async () => {
	const session = await open();
	const start = received.length;
	assert.equal(await session.authreq(), null);
	await session.auth();
	assert.deepEqual(received.slice(start), [[AUTHREQ_URI, null, null], [AUTH_URI, null]]);
	session.close();
});

test("ab.launch derives a salted key and calls onconnect once authenticated", async () => {
	const session = await new Promise((resolve, reject) => ab.launch({ wsuri: url, appkey: "peter", appsecret: "secret" }, resolve,
		(code, reason) => reject(new Error(reason))));
	assert.equal(await session.call("sample/whoami"), "peter");
	session.close();
});
