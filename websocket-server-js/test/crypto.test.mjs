// authsign and deriveKey against Node's crypto and published test vectors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac, pbkdf2Sync } from "node:crypto";
import { authsign, deriveKey } from "../wamp.js";

const hmac = (key, text) => createHmac("sha256", key).update(text, "utf8").digest("base64");

test("authsign matches RFC 4231 test case 2", () => {
	const expected = Buffer.from("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "hex").toString("base64");
	assert.equal(authsign("what do ya want for nothing?", "Jefe"), expected);
});

test("authsign matches Node's HMAC-SHA256 across SHA-256 block boundaries", () => {
	for (const length of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) {
		const challenge = "x".repeat(length);
		assert.equal(authsign(challenge, "secret"), hmac("secret", challenge), `challenge of ${length} characters`);
	}
});

test("authsign signs the UTF-8 text and hashes keys longer than a block", () => {
	const challenge = JSON.stringify({ authid: "ä€𝄞", authkey: "joe", timestamp: "2026-01-01T00:00:00Z" });
	const longKey = "k".repeat(131);
	assert.equal(authsign(challenge, "sécret"), hmac("sécret", challenge));
	assert.equal(authsign(challenge, longKey), hmac(longKey, challenge));
});

test("authsign without a secret signs with the empty key, as AutobahnJS 0.8", () => {
	assert.equal(authsign("challenge"), hmac("", "challenge"));
});

test("deriveKey matches the RFC 7914 PBKDF2-HMAC-SHA256 vector", () => {
	const expected = Buffer.from("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
		+ "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783", "hex").toString("base64");
	assert.equal(deriveKey("passwd", { salt: "salt", iterations: 1, keylen: 64 }), expected);
});

test("deriveKey matches Node's pbkdf2 for the sample's salted secret and odd key lengths", () => {
	assert.equal(deriveKey("secret", { salt: "salt123", iterations: 1000, keylen: 32 }),
		pbkdf2Sync("secret", "salt123", 1000, 32, "sha256").toString("base64"));
	assert.equal(deriveKey("secret", { salt: "salt123", iterations: 3, keylen: 45 }),
		pbkdf2Sync("secret", "salt123", 3, 45, "sha256").toString("base64"));
});

test("deriveKey defaults to 10,000 iterations and 32 bytes, and returns an unsalted secret as it is", () => {
	assert.equal(deriveKey("secret", { salt: "pepper" }), pbkdf2Sync("secret", "pepper", 10000, 32, "sha256").toString("base64"));
	assert.equal(deriveKey("secret", undefined), "secret");
	assert.equal(deriveKey("secret", {}), "secret");
});
