// websocket-server-wamp, classic script: defines the global `ab` (AutobahnJS 0.8's API).
// Generated from wamp.js by scripts/build.mjs; the ES module is the same code with its exports.
(function (global) {
	"use strict";
	// websocket-server-wamp: a WAMP v1 client for browsers and Node, one ES module, no dependencies.
	//
	// Two APIs over the same wire code:
	//
	//   import { connect } from "websocket-server-wamp";          // the native, Promise-based API
	//   const session = await connect("ws://localhost:8080/ws");
	//   const sum = await session.call("sample/sum", 1, 2, 3);
	//   session.subscribe("chat/lobby", (event, topic) => console.log(topic, event));
	//   session.publish("chat/lobby", { type: "message", nick: "ann", text: "hi" });
	//
	//   import { ab } from "websocket-server-wamp";               // AutobahnJS 0.8's API (also the
	//   ab.connect("ws://localhost:8080/ws", (session) => {       // global `ab` of the classic ab.js)
	//     session.subscribe("chat/lobby", (topic, event) => console.log(topic, event));
	//   }, (code, reason, detail) => console.log("hung up", code, reason));
	//
	// Wire format (https://wamp.ws, version 1), JSON arrays in text frames:
	//   WELCOME [0, sessionId, 1, serverIdent]     PREFIX      [1, prefix, uri]
	//   CALL    [2, callId, procUri, args...]      CALLRESULT  [3, callId, result]
	//   CALLERROR [4, callId, errorUri, desc(, details)]
	//   SUBSCRIBE [5, topic]   UNSUBSCRIBE [6, topic]
	//   PUBLISH [7, topic, event(, excludeMe | exclude(, eligible))]   EVENT [8, topic, event]
	//
	// The build turns this module into the classic script ab.js by dropping the `export`
	// keywords and wrapping it in a function that sets `globalThis.ab`: keep every export a plain
	// `export const|function|class` declaration at the start of a line.

	/** The version of this package. */
	const VERSION = "0.1.0";

	const WELCOME = 0;
	const PREFIX = 1;
	const CALL = 2;
	const CALLRESULT = 3;
	const CALLERROR = 4;
	const SUBSCRIBE = 5;
	const UNSUBSCRIBE = 6;
	const PUBLISH = 7;
	const EVENT = 8;

	/** The error URI of calls that fail because the connection is not open or was lost. */
	const CONNECTION_LOST = "wamp.js#connection-lost";

	/** The procedure URIs of WAMP-CRA (AutobahnJS 0.8's `authreq` and `auth`). */
	const AUTHREQ_URI = "http://api.wamp.ws/procedure#authreq";
	const AUTH_URI = "http://api.wamp.ws/procedure#auth";

	/**
	 * An error answer of a call: `uri`, `desc` and `details` as the server sent them (`detail` is
	 * the same value under AutobahnJS 0.8's name).
	 */
	class WampError extends Error {
		constructor(uri, desc, details) {
			super(desc || uri);
			this.name = "WampError";
			this.uri = uri;
			this.desc = desc;
			this.details = details;
			this.detail = details;
		}
	}

	// What ab.debug(wamp, ws) switched on: WAMP messages and WebSocket life-cycle on the console.
	const trace = { wamp: false, ws: false };

	/**
	 * CURIE prefixes: `resolve("chat:lobby")` expands a registered prefix, `shrink(uri)` does the
	 * reverse with the longest matching registered URI. `http://` and `https://` URIs and unknown
	 * prefixes pass unchanged.
	 */
	class Prefixes {
		constructor() {
			this.map = new Map();
		}

		set(prefix, uri) {
			this.map.set(prefix, uri);
		}

		get(prefix) {
			return this.map.get(prefix);
		}

		entries() {
			return [...this.map.entries()];
		}

		resolve(curieOrUri) {
			const colon = curieOrUri.indexOf(":");
			if (colon < 0) {
				return curieOrUri;
			}
			const prefix = curieOrUri.substring(0, colon);
			const rest = curieOrUri.substring(colon + 1);
			if ((prefix === "http" || prefix === "https") && rest.startsWith("//")) {
				return curieOrUri;
			}
			const uri = this.map.get(prefix);
			return uri === undefined ? curieOrUri : uri + rest;
		}

		shrink(uri) {
			let best = null;
			for (const [prefix, base] of this.map) {
				if (base.length > 0 && uri.startsWith(base) && (best === null || base.length > best[1].length)) {
					best = [prefix, base];
				}
			}
			return best === null ? uri : best[0] + ":" + uri.substring(best[1].length);
		}
	}

	/**
	 * Opens a WAMP v1 session and resolves with it after the server's WELCOME.
	 *
	 * @param {string} url the WebSocket URL, for instance `ws://localhost:8080/ws`
	 * @param {object} [options]
	 * @param {(session: Session) => void} [options.onOpen] after every WELCOME (also after a reconnect)
	 * @param {(info: {code: number, reason: string, retrying: boolean, delay: number}) => void} [options.onClose]
	 *   after every close; `delay` is the milliseconds until the next attempt when `retrying`
	 * @param {false | {initialDelay?: number, maxDelay?: number}} [options.reconnect] back-off in
	 *   milliseconds (default 500 to 30000); `false` turns reconnecting off
	 * @param {number} [options.welcomeTimeout] milliseconds to wait for WELCOME on each attempt
	 *   before giving it up (default 10000)
	 * @param {AbortSignal} [options.signal] aborting it closes the session for good, as {@link Session#close}
	 * @param {(url: string, protocols: string[]) => WebSocket} [options.webSocketFactory] for tests
	 * @returns {Promise<Session>} resolves after the first WELCOME; rejects when reconnecting is off
	 *   and the first attempt fails, or when the session is aborted before its first WELCOME
	 */
	function connect(url, options = {}) {
		const session = new Session(url, options);
		return session._start();
	}

	/** A WAMP v1 session over one WebSocket that is re-opened when it drops. */
	class Session {
		constructor(url, options) {
			this.url = url;
			this.options = options;
			const reconnect = options.reconnect === undefined ? {} : options.reconnect;
			this.reconnect = reconnect === false ? null : {
				initialDelay: reconnect.initialDelay ?? 500,
				maxDelay: reconnect.maxDelay ?? 30000,
			};
			/** The current WAMP session id, `null` while disconnected. */
			this.id = null;
			/** The server's ident from WELCOME. */
			this.serverIdent = null;
			this.prefixes = new Prefixes();
			this.serverPrefixes = new Prefixes();
			this.subscriptions = new Map();
			this.pending = new Map();
			this.callCounter = 0;
			this.attempts = 0;
			this.socket = null;
			this.timer = null;
			this.welcomeTimer = null;
			this.welcomeTimeout = options.welcomeTimeout ?? 10000;
			this.closedByUser = false;
		}

		/** `true` between WELCOME and close. */
		get isOpen() {
			return this.id !== null;
		}

		_start() {
			const signal = this.options.signal;
			return new Promise((resolve, reject) => {
				this.firstWelcome = { resolve, reject };
				if (signal) {
					if (signal.aborted) {
						this.close();
						return;
					}
					signal.addEventListener("abort", () => this.close(), { once: true });
				}
				this._open();
			});
		}

		_open() {
			this.timer = null;
			const factory = this.options.webSocketFactory || ((url, protocols) => new WebSocket(url, protocols));
			let socket;
			try {
				socket = factory(this.url, ["wamp"]);
			}
			catch (error) {
				this._closed(1006, String(error && error.message || error));
				return;
			}
			this.socket = socket;
			if (trace.ws) {
				socket.addEventListener("open", () => console.log("WebSocket open", this.url, socket.protocol));
			}
			// A server that accepts the TCP connection but never answers must not stall reconnecting.
			this.welcomeTimer = setTimeout(() => {
				if (this.socket === socket && this.id === null) {
					socket.close();
					this._closed(1006, "No WELCOME within " + this.welcomeTimeout + " ms");
				}
			}, this.welcomeTimeout);
			socket.onmessage = (message) => {
				if (this.socket === socket) {
					this._receive(message.data);
				}
			};
			// Every error is followed by a close, handled there; a listener is still needed because
			// Node's `ws` package throws an error event nobody listens to.
			socket.onerror = () => {};
			socket.onclose = (event) => {
				if (trace.ws) {
					console.log("WebSocket closed", this.url, event.code, event.reason);
				}
				if (this.socket === socket) {
					this._closed(event.code, event.reason);
				}
			};
		}

		_receive(data) {
			if (trace.wamp) {
				console.log("WAMP receive", data);
			}
			let message;
			try {
				message = JSON.parse(data);
			}
			catch (error) {
				console.warn("wamp.js: ignoring a frame that is not JSON", data);
				return;
			}
			if (!Array.isArray(message)) {
				return;
			}
			switch (message[0]) {
				case WELCOME:
					this._welcome(message[1], message[3]);
					break;
				case PREFIX:
					this.serverPrefixes.set(message[1], message[2]);
					break;
				case CALLRESULT: {
					const call = this.pending.get(message[1]);
					if (call) {
						this.pending.delete(message[1]);
						call.resolve(message[2]);
					}
					break;
				}
				case CALLERROR: {
					const call = this.pending.get(message[1]);
					if (call) {
						this.pending.delete(message[1]);
						call.reject(new WampError(message[2], message[3], message[4]));
					}
					break;
				}
				case EVENT:
					this._event(this.resolve(message[1]), message[2]);
					break;
				default:
					break;
			}
		}

		_welcome(sessionId, serverIdent) {
			clearTimeout(this.welcomeTimer);
			this.id = sessionId;
			this.serverIdent = serverIdent ?? null;
			this.attempts = 0;
			// A new WebSocket knows nothing: define the prefixes again, then subscribe again.
			for (const [prefix, uri] of this.prefixes.entries()) {
				this._send([PREFIX, prefix, uri]);
			}
			for (const topic of this.subscriptions.keys()) {
				this._send([SUBSCRIBE, this.shrink(topic)]);
			}
			if (this.firstWelcome) {
				this.firstWelcome.resolve(this);
				this.firstWelcome = null;
			}
			if (this.options.onOpen) {
				this.options.onOpen(this);
			}
		}

		_event(topic, event) {
			const handlers = this.subscriptions.get(topic);
			if (!handlers) {
				return;
			}
			for (const handler of [...handlers]) {
				try {
					handler(event, topic);
				}
				catch (error) {
					console.error("wamp.js: an event handler failed", error);
				}
			}
		}

		_closed(code, reason) {
			clearTimeout(this.welcomeTimer);
			this.socket = null;
			this.id = null;
			const lost = new WampError(CONNECTION_LOST, "Connection closed" + (reason ? ": " + reason : ""), { code });
			for (const call of this.pending.values()) {
				call.reject(lost);
			}
			this.pending.clear();
			const retrying = !this.closedByUser && this.reconnect !== null;
			let delay = 0;
			if (retrying) {
				// Exponential back-off with jitter: a random delay in [base/2, base].
				const base = Math.min(this.reconnect.maxDelay, this.reconnect.initialDelay * 2 ** this.attempts);
				delay = Math.round(base / 2 + Math.random() * base / 2);
				this.attempts++;
				this.timer = setTimeout(() => this._open(), delay);
			}
			else if (this.firstWelcome) {
				this.firstWelcome.reject(lost);
				this.firstWelcome = null;
			}
			if (this.options.onClose) {
				this.options.onClose({ code, reason, retrying, delay });
			}
		}

		_send(message) {
			if (this.socket === null || this.socket.readyState !== 1) {
				return false;
			}
			const text = JSON.stringify(message);
			if (trace.wamp) {
				console.log("WAMP send", text);
			}
			this.socket.send(text);
			return true;
		}

		/**
		 * Calls a procedure with positional arguments.
		 * @returns {Promise<any>} the result; rejects with a {@link WampError} (`uri`, `desc`, `details`)
		 */
		call(procUri, ...args) {
			if (!this.isOpen) {
				return Promise.reject(new WampError(CONNECTION_LOST, "Not connected"));
			}
			const callId = Math.random().toString(36).substring(2, 10) + (++this.callCounter).toString(36);
			return new Promise((resolve, reject) => {
				this.pending.set(callId, { resolve, reject });
				this._send([CALL, callId, this.shrink(this.resolve(procUri)), ...args]);
			});
		}

		/**
		 * Subscribes a handler `(event, topicUri) => void` to a topic (a URI or CURIE). The topic is
		 * subscribed again after every reconnect until {@link unsubscribe}.
		 */
		subscribe(topic, handler) {
			const uri = this.resolve(topic);
			let handlers = this.subscriptions.get(uri);
			if (!handlers) {
				handlers = new Set();
				this.subscriptions.set(uri, handlers);
				this._send([SUBSCRIBE, this.shrink(uri)]);
			}
			handlers.add(handler);
		}

		/** Removes one handler, or all handlers when none is given; the last one out unsubscribes. */
		unsubscribe(topic, handler) {
			const uri = this.resolve(topic);
			const handlers = this.subscriptions.get(uri);
			if (!handlers) {
				return;
			}
			if (handler === undefined) {
				handlers.clear();
			}
			else {
				handlers.delete(handler);
			}
			if (handlers.size === 0) {
				this.subscriptions.delete(uri);
				this._send([UNSUBSCRIBE, this.shrink(uri)]);
			}
		}

		/**
		 * Publishes an event. The third argument is either `excludeMe` (boolean) or an array of
		 * session ids to exclude; the fourth an array of session ids eligible to receive it.
		 * @returns {boolean} `false` when not connected (the event is dropped)
		 */
		publish(topic, event, excludeOrExcludeMe, eligible) {
			const message = [PUBLISH, this.shrink(this.resolve(topic)), event === undefined ? null : event];
			if (eligible !== undefined) {
				let exclude = excludeOrExcludeMe;
				if (exclude === undefined || exclude === false) {
					exclude = [];
				}
				else if (exclude === true) {
					exclude = this.id === null ? [] : [this.id];
				}
				message.push(exclude, eligible);
			}
			else if (excludeOrExcludeMe !== undefined) {
				message.push(excludeOrExcludeMe);
			}
			return this._send(message);
		}

		/** Defines a CURIE prefix for this session and tells the server (again after every reconnect). */
		prefix(prefix, uri) {
			this.prefixes.set(prefix, uri);
			this._send([PREFIX, prefix, uri]);
		}

		/** Expands a CURIE with this session's prefixes (then the server's); other URIs pass unchanged. */
		resolve(curieOrUri) {
			const resolved = this.prefixes.resolve(curieOrUri);
			return resolved !== curieOrUri ? resolved : this.serverPrefixes.resolve(curieOrUri);
		}

		/** The shortest CURIE for a URI with this session's prefixes, or the URI itself. */
		shrink(uri) {
			return this.prefixes.shrink(uri);
		}

		/**
		 * WAMP-CRA step 1: asks for a challenge for `authKey` (`null` for anonymous). Both arguments
		 * are always sent, `null` when absent, as AutobahnJS 0.8 does.
		 * @returns {Promise<string|null>} the challenge, a JSON text to sign with {@link authsign}
		 */
		authreq(authKey, extra) {
			return this.call(AUTHREQ_URI, authKey ?? null, extra ?? null);
		}

		/** The signature of a challenge with a secret: see {@link authsign}. */
		authsign(challenge, secret) {
			return authsign(challenge, secret);
		}

		/**
		 * WAMP-CRA step 2: sends the signature (`null` for anonymous).
		 * @returns {Promise<object>} the permissions the server grants
		 */
		auth(signature) {
			return this.call(AUTH_URI, signature ?? null);
		}

		/** Closes the session for good: no reconnect; pending calls reject. */
		close() {
			if (this.closedByUser) {
				return;
			}
			this.closedByUser = true;
			if (this.timer !== null) {
				clearTimeout(this.timer);
				this.timer = null;
			}
			const socket = this.socket;
			if (socket !== null) {
				socket.close(1000, "Bye");
				this._closed(1000, "Bye");
			}
			else if (this.firstWelcome) {
				this.firstWelcome.reject(new WampError(CONNECTION_LOST, "Closed before WELCOME"));
				this.firstWelcome = null;
			}
		}
	}

	// ---------------------------------------------------------------------------------------------
	// WAMP-CRA's cryptography: SHA-256, HMAC-SHA256 and PBKDF2-HMAC-SHA256 in plain JavaScript.
	// AutobahnJS 0.8's authsign and deriveKey are synchronous and return strings, and front ends
	// call them that way; WebCrypto (crypto.subtle) only offers Promises, so the compatible choice
	// is a small synchronous implementation (FIPS 180-4, RFC 2104, RFC 8018).

	const SHA256_K = new Uint32Array([
		0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
		0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
		0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
		0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
		0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
		0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
		0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
		0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
	]);

	/** SHA-256 of bytes (a Uint8Array); returns 32 bytes. */
	function sha256(bytes) {
		const length = bytes.length;
		// message, 0x80, zeros, 64-bit big-endian bit length: a multiple of 64 bytes
		const padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
		padded.set(bytes);
		padded[length] = 0x80;
		const view = new DataView(padded.buffer);
		view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
		view.setUint32(padded.length - 4, (length << 3) >>> 0);
		const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
		const w = new Uint32Array(64);
		const rotr = (x, n) => (x >>> n) | (x << (32 - n));
		for (let block = 0; block < padded.length; block += 64) {
			for (let t = 0; t < 16; t++) {
				w[t] = view.getUint32(block + t * 4);
			}
			for (let t = 16; t < 64; t++) {
				const s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
				const s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
				w[t] = (w[t - 16] + s0 + w[t - 7] + s1) >>> 0;
			}
			let [a, b, c, d, e, f, g, hh] = h;
			for (let t = 0; t < 64; t++) {
				const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + SHA256_K[t] + w[t]) >>> 0;
				const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
				hh = g;
				g = f;
				f = e;
				e = (d + t1) >>> 0;
				d = c;
				c = b;
				b = a;
				a = (t1 + t2) >>> 0;
			}
			h[0] += a;
			h[1] += b;
			h[2] += c;
			h[3] += d;
			h[4] += e;
			h[5] += f;
			h[6] += g;
			h[7] += hh;
		}
		const digest = new Uint8Array(32);
		const out = new DataView(digest.buffer);
		h.forEach((word, i) => out.setUint32(i * 4, word));
		return digest;
	}

	/** HMAC-SHA256(key, message), both Uint8Arrays; returns 32 bytes. */
	function hmacSha256(key, message) {
		const block = new Uint8Array(64);
		block.set(key.length > 64 ? sha256(key) : key);
		const inner = new Uint8Array(64 + message.length);
		const outer = new Uint8Array(64 + 32);
		for (let i = 0; i < 64; i++) {
			inner[i] = block[i] ^ 0x36;
			outer[i] = block[i] ^ 0x5c;
		}
		inner.set(message, 64);
		outer.set(sha256(inner), 64);
		return sha256(outer);
	}

	/** PBKDF2 with HMAC-SHA256 (RFC 8018); returns `length` bytes. */
	function pbkdf2Sha256(password, salt, iterations, length) {
		const key = new Uint8Array(length);
		const saltAndIndex = new Uint8Array(salt.length + 4);
		saltAndIndex.set(salt);
		for (let index = 1, offset = 0; offset < length; index++, offset += 32) {
			new DataView(saltAndIndex.buffer).setUint32(salt.length, index);
			let u = hmacSha256(password, saltAndIndex);
			const t = u.slice();
			for (let i = 1; i < iterations; i++) {
				u = hmacSha256(password, u);
				for (let j = 0; j < 32; j++) {
					t[j] ^= u[j];
				}
			}
			key.set(t.subarray(0, Math.min(32, length - offset)), offset);
		}
		return key;
	}

	const utf8 = (text) => new TextEncoder().encode(String(text));

	function base64(bytes) {
		let binary = "";
		for (const byte of bytes) {
			binary += String.fromCharCode(byte);
		}
		return btoa(binary);
	}

	/**
	 * The WAMP-CRA signature of a challenge: Base64(HMAC-SHA256(secret, challenge)), both taken as
	 * UTF-8 text, exactly the text received (AutobahnJS 0.8's `authsign`). A missing secret signs
	 * with the empty key, as AutobahnJS does.
	 */
	function authsign(challenge, secret) {
		return base64(hmacSha256(utf8(secret ?? ""), utf8(challenge)));
	}

	/**
	 * The key of a salted WAMP-CRA secret (AutobahnJS 0.8's `ab.deriveKey`):
	 * Base64(PBKDF2-HMAC-SHA256(secret, salt, iterations, keylen)) for `extra` = the challenge's
	 * `authextra` `{salt, iterations, keylen}` (defaults 10,000 iterations and 32 bytes); without a
	 * salt the secret itself.
	 */
	function deriveKey(secret, extra) {
		if (!extra || !extra.salt) {
			return secret;
		}
		return base64(pbkdf2Sha256(utf8(secret), utf8(extra.salt), extra.iterations || 10000, extra.keylen || 32));
	}

	// ---------------------------------------------------------------------------------------------
	// AutobahnJS 0.8's API. An ab.Session is one WebSocket (a native Session that does not
	// reconnect); ab.connect reconnects by opening a new ab.Session and calling onconnect again,
	// as AutobahnJS 0.8 does, so the application subscribes again in onconnect.

	// AutobahnJS 0.8's hang-up codes (ab.CONNECTION_*), passed to onhangup(code, reason, detail).
	const HANGUP = Object.freeze({
		/** The session was closed by the application (`session.close()`). */
		CONNECTION_CLOSED: 0,
		/** ab.Session only: the connection was lost (ab.connect reports 6 or 2 instead). */
		CONNECTION_LOST: 1,
		/** A lost connection was retried `maxRetries` times, or onhangup returned true to stop. */
		CONNECTION_RETRIES_EXCEEDED: 2,
		/** The first connection could not be established (no retry: the URI is likely wrong). */
		CONNECTION_UNREACHABLE: 3,
		/** There is no WebSocket in this environment. */
		CONNECTION_UNSUPPORTED: 4,
		/** A reconnect attempt failed; another is scheduled (detail `{delay, retries, maxretries}`). */
		CONNECTION_UNREACHABLE_SCHEDULED_RECONNECT: 5,
		/** The connection was lost; a reconnect is scheduled (detail `{delay, retries, maxretries}`). */
		CONNECTION_LOST_SCHEDULED_RECONNECT: 6,
	});

	/**
	 * A Promise with when.js's `otherwise(onRejected)` and `always(onSettled)`, which AutobahnJS 0.8's
	 * promises had; `then` and `catch` return the same kind, so chains keep them.
	 */
	class WhenPromise extends Promise {
		otherwise(onRejected) {
			return this.then(undefined, onRejected);
		}

		always(onSettled) {
			return this.then(onSettled, onSettled);
		}
	}

	/**
	 * One WAMP v1 session over one WebSocket with AutobahnJS 0.8's methods. `onopen()` runs after
	 * WELCOME, `onclose(code, reason)` once with CONNECTION_CLOSED, CONNECTION_LOST,
	 * CONNECTION_UNREACHABLE or CONNECTION_UNSUPPORTED.
	 */
	class AbSession {
		constructor(wsuri, onopen, onclose, options = {}) {
			this._wsuri = wsuri;
			this._handlers = new Map();
			this._closedByApp = false;
			let opened = false;
			const protocols = options.skipSubprotocolAnnounce ? [] : ["wamp"];
			const construct = options.webSocketFactory || ((url, offered) => new WebSocket(url, offered));
			if (!options.webSocketFactory && typeof WebSocket === "undefined") {
				this._session = null;
				onclose(HANGUP.CONNECTION_UNSUPPORTED, "Browser does not support WebSocket.");
				return;
			}
			const session = new Session(wsuri, {
				reconnect: false,
				welcomeTimeout: options.welcomeTimeout,
				webSocketFactory: (url) => {
					const socket = construct(url, protocols);
					socket.addEventListener("open", () => {
						if (!options.skipSubprotocolCheck && socket.protocol !== "wamp") {
							socket.close(1000, "server does not speak WAMP");
							return;
						}
						opened = true;
					});
					return socket;
				},
				onOpen: () => onopen(),
				onClose: ({ code, reason }) => {
					if (this._closedByApp) {
						onclose(HANGUP.CONNECTION_CLOSED, reason);
					}
					else if (opened) {
						onclose(HANGUP.CONNECTION_LOST, reason, { code });
					}
					else {
						onclose(HANGUP.CONNECTION_UNREACHABLE, reason, { code });
					}
				},
			});
			this._session = session;
			session._start().catch(() => {
				// reported through onclose
			});
		}

		/** The session id from WELCOME, `null` before it and after close. */
		sessionid() {
			return this._session === null ? null : this._session.id;
		}

		/** The WebSocket URI this session connects to. */
		wsuri() {
			return this._wsuri;
		}

		/** `[1, prefix, uri]`: defines a CURIE prefix for this session. */
		prefix(prefix, uri) {
			this._session.prefix(prefix, uri);
		}

		/** The CURIE for `uri` with this session's prefixes; else `uri`, or `null` when `pass` is false. */
		shrink(uri, pass = true) {
			const curie = this._session.shrink(uri);
			return curie === uri && !pass ? null : curie;
		}

		/** The URI for a CURIE; else `curie`, or `null` when `pass` is false. */
		resolve(curie, pass = true) {
			const uri = this._session.resolve(curie);
			return uri === curie && !pass ? null : uri;
		}

		/** Calls a procedure; a {@link WhenPromise} that rejects with `{uri, desc, detail}` (a {@link WampError}). */
		call(procuri, ...args) {
			return WhenPromise.resolve(this._session.call(procuri, ...args));
		}

		/** Subscribes `callback(topic, event)` to a topic (URI or CURIE); the same callback twice throws. */
		subscribe(topicuri, callback) {
			const uri = this._session.resolve(topicuri);
			let handlers = this._handlers.get(uri);
			if (!handlers) {
				handlers = new Map();
				this._handlers.set(uri, handlers);
			}
			if (handlers.has(callback)) {
				throw "callback " + callback + " already subscribed for topic " + uri;
			}
			const handler = (event, topic) => callback.call(this, topic, event);
			handlers.set(callback, handler);
			this._session.subscribe(uri, handler);
		}

		/**
		 * Removes `callback` from a topic, or every callback when none is given; the last one out
		 * sends UNSUBSCRIBE. Throws when not subscribed, as AutobahnJS 0.8 does.
		 */
		unsubscribe(topicuri, callback) {
			const uri = this._session.resolve(topicuri);
			const handlers = this._handlers.get(uri);
			if (!handlers) {
				throw "not subscribed to topic " + uri;
			}
			if (callback === undefined) {
				this._handlers.delete(uri);
				this._session.unsubscribe(uri);
				return;
			}
			const handler = handlers.get(callback);
			if (handler === undefined) {
				throw "no callback " + callback + " subscribed on topic " + uri;
			}
			handlers.delete(callback);
			if (handlers.size === 0) {
				this._handlers.delete(uri);
			}
			this._session.unsubscribe(uri, handler);
		}

		/**
		 * Publishes an event: `publish(topic, event)`, `publish(topic, event, excludeMe)`,
		 * `publish(topic, event, exclude)` or `publish(topic, event, exclude, eligible)` with arrays
		 * of session ids. Other argument types throw, as in AutobahnJS 0.8.
		 */
		publish(topicuri, event, exclude, eligible) {
			if (arguments.length > 3) {
				if (!Array.isArray(exclude) || !Array.isArray(eligible)) {
					throw "invalid argument type(s)";
				}
			}
			else if (arguments.length > 2 && typeof exclude !== "boolean" && !Array.isArray(exclude)) {
				throw "invalid argument type(s)";
			}
			const sent = arguments.length > 3 ? this._session.publish(topicuri, event, exclude, eligible)
				: arguments.length > 2 ? this._session.publish(topicuri, event, exclude)
					: this._session.publish(topicuri, event);
			if (!sent) {
				throw "Autobahn not connected";
			}
		}

		/** WAMP-CRA: asks for a challenge (`authKey` null for anonymous); resolves with it. */
		authreq(authKey, extra) {
			return WhenPromise.resolve(this._session.authreq(authKey, extra));
		}

		/** WAMP-CRA: Base64(HMAC-SHA256(secret, challenge)), synchronously. */
		authsign(challenge, secret) {
			return authsign(challenge, secret);
		}

		/** WAMP-CRA: sends the signature; resolves with the permissions. */
		auth(signature) {
			return WhenPromise.resolve(this._session.auth(signature));
		}

		/** Closes the connection; onclose gets HANGUP.CONNECTION_CLOSED and nothing reconnects. */
		close() {
			if (this._session !== null) {
				this._closedByApp = true;
				this._session.close();
			}
		}
	}

	function abConnect(wsuri, onconnect, onhangup, options = {}) {
		if (!onconnect) {
			throw "onConnect handler required!";
		}
		const peer = {
			options: { retryDelay: 5000, maxRetries: 10, skipSubprotocolCheck: false, skipSubprotocolAnnounce: false, ...options },
			onhangup: onhangup || ((code, reason, detail) => abLog(code, reason, detail)),
			connects: 0,
			retries: 0,
		};
		const scheduled = (code, what) => {
			peer.retries++;
			if (peer.retries > peer.options.maxRetries) {
				peer.onhangup(HANGUP.CONNECTION_RETRIES_EXCEEDED, "Number of connection retries exceeded.");
				return;
			}
			const delay = peer.options.retryDelay;
			const stop = peer.onhangup(code, what + " - scheduled reconnect to occur in " + delay / 1000 + " second(s) - attempt "
				+ peer.retries + " of " + peer.options.maxRetries + ".", { delay, retries: peer.retries, maxretries: peer.options.maxRetries });
			if (stop) {
				peer.onhangup(HANGUP.CONNECTION_RETRIES_EXCEEDED, "Number of connection retries exceeded.");
				return;
			}
			setTimeout(open, delay);
		};
		const open = () => {
			const session = new AbSession(wsuri, () => {
				peer.connects++;
				peer.retries = 0;
				onconnect(session);
			}, (code, reason, detail) => {
				switch (code) {
					case HANGUP.CONNECTION_CLOSED:
						peer.onhangup(code, "Connection was closed properly [" + (reason || "") + "]");
						break;
					case HANGUP.CONNECTION_UNSUPPORTED:
						peer.onhangup(code, "Browser does not support WebSocket.");
						break;
					case HANGUP.CONNECTION_UNREACHABLE:
						if (peer.connects === 0) {
							peer.onhangup(code, "Connection could not be established.", detail);
						}
						else {
							scheduled(HANGUP.CONNECTION_UNREACHABLE_SCHEDULED_RECONNECT, "Connection unreachable");
						}
						break;
					default:
						scheduled(HANGUP.CONNECTION_LOST_SCHEDULED_RECONNECT, "Connection lost");
						break;
				}
			}, peer.options);
		};
		open();
	}

	function abLaunch(appConfig, onconnect, onhangup) {
		abConnect(appConfig.wsuri, (session) => {
			const authenticated = () => onconnect && onconnect(session);
			if (!appConfig.appkey) {
				session.authreq().then(() => session.auth()).then(authenticated, abLog);
				return;
			}
			session.authreq(appConfig.appkey, appConfig.appextra).then((challenge) => {
				const signature = typeof appConfig.appsecret === "function" ? appConfig.appsecret(challenge)
					: session.authsign(challenge, deriveKey(appConfig.appsecret, JSON.parse(challenge).authextra));
				return session.auth(signature);
			}).then(authenticated, abLog);
		}, (code, reason, detail) => onhangup && onhangup(code, reason, detail), appConfig.sessionConfig);
	}

	function abLog(...args) {
		console.log(...args);
	}

	/**
	 * AutobahnJS 0.8's `ab` object: `ab.connect(wsuri, onconnect, onhangup, options)`,
	 * `ab.launch`, `ab.Session`, `ab.deriveKey`, `ab.debug`, `ab.log`, `ab.Deferred` and the
	 * CONNECTION_* hang-up codes. The classic script ab.js defines it as the global `ab`.
	 */
	const ab = {
		...HANGUP,
		Session: AbSession,
		Error: WampError,
		connect: abConnect,
		launch: abLaunch,
		deriveKey,
		log: abLog,
		version: () => VERSION,
		/** Logs WAMP messages (`wamp`) and WebSocket opens and closes (`ws`) on the console. */
		debug(wamp, ws) {
			trace.wamp = Boolean(wamp);
			trace.ws = Boolean(ws);
		},
		/** when.js's `defer()` as AutobahnJS 0.8 exposed it: `{promise, resolve, reject}`. */
		Deferred() {
			const deferred = {};
			deferred.promise = new WhenPromise((resolve, reject) => {
				deferred.resolve = resolve;
				deferred.reject = reject;
			});
			return deferred;
		},
	};

	global.ab = ab;
})(typeof globalThis !== "undefined" ? globalThis : this);
