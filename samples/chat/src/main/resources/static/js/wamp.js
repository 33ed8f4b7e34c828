// A small WAMP v1 client for browsers: one ES module, no dependencies.
//
//   import { connect } from "./wamp.js";
//   const session = await connect("ws://localhost:8080/ws");
//   const sum = await session.call("sample/sum", 1, 2, 3);
//   session.subscribe("chat/lobby", (event, topic) => console.log(topic, event));
//   session.publish("chat/lobby", { type: "message", nick: "ann", text: "hi" });
//
// Wire format (https://wamp.ws, version 1), JSON arrays in text frames:
//   WELCOME [0, sessionId, 1, serverIdent]     PREFIX      [1, prefix, uri]
//   CALL    [2, callId, procUri, args...]      CALLRESULT  [3, callId, result]
//   CALLERROR [4, callId, errorUri, desc(, details)]
//   SUBSCRIBE [5, topic]   UNSUBSCRIBE [6, topic]
//   PUBLISH [7, topic, event(, excludeMe | exclude(, eligible))]   EVENT [8, topic, event]

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
export const CONNECTION_LOST = "wamp.js#connection-lost";

/** An error answer of a call: `uri`, `desc` and `details` as the server sent them. */
export class WampError extends Error {
	constructor(uri, desc, details) {
		super(desc || uri);
		this.name = "WampError";
		this.uri = uri;
		this.desc = desc;
		this.details = details;
	}
}

/**
 * CURIE prefixes: `resolve("chat:lobby")` expands a registered prefix, `shrink(uri)` does the
 * reverse with the longest matching registered URI. `http://` and `https://` URIs and unknown
 * prefixes pass unchanged.
 */
export class Prefixes {
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
export function connect(url, options = {}) {
	const session = new Session(url, options);
	return session._start();
}

/** A WAMP v1 session over one WebSocket that is re-opened when it drops. */
export class Session {
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
		socket.onclose = (event) => {
			if (this.socket === socket) {
				this._closed(event.code, event.reason);
			}
		};
	}

	_receive(data) {
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
		this.socket.send(JSON.stringify(message));
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
