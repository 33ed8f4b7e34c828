// WAMP-CRA against the chat sample's credentials (joe: plain secret; peter: salted), with the
// calls AutobahnJS 0.8 front ends write.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverUrl } from "./support.mjs";
import { ab } from "../wamp.js";

const open = () => new Promise((resolve, reject) => ab.connect(serverUrl(), resolve, (code, reason) => reject(new Error(reason))));

test("joe logs in to the sample with his plain secret", async () => {
	const session = await open();
	await session.authreq("joe").then((challenge) => session.auth(session.authsign(challenge, "secret")));
	assert.equal(await session.call("sample/whoami"), "joe");
	session.close();
});

test("peter logs in to the sample with ab.deriveKey of the challenge's authextra", async () => {
	const session = await open();
	const challenge = await session.authreq("peter");
	assert.deepEqual(JSON.parse(challenge).authextra, { salt: "salt123", iterations: 1000, keylen: 32 });
	await session.auth(session.authsign(challenge, ab.deriveKey("secret", JSON.parse(challenge).authextra)));
	assert.equal(await session.call("sample/whoami"), "peter");
	session.close();
});

test("ab.launch logs peter in to the sample", async () => {
	const session = await new Promise((resolve, reject) => ab.launch({ wsuri: serverUrl(), appkey: "peter", appsecret: "secret" },
		resolve, (code, reason) => reject(new Error(reason))));
	assert.equal(await session.call("sample/whoami"), "peter");
	session.close();
});
