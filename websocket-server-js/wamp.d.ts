// Type declarations of websocket-server-wamp (wamp.js).

/** The version of this package. */
export const VERSION: string;

/** The error URI of calls that fail because the connection is not open or was lost. */
export const CONNECTION_LOST: string;

/** WAMP-CRA's procedure URIs. */
export const AUTHREQ_URI: "http://api.wamp.ws/procedure#authreq";
export const AUTH_URI: "http://api.wamp.ws/procedure#auth";

/** An error answer of a call. `detail` is `details` under AutobahnJS 0.8's name. */
export class WampError extends Error {
	constructor(uri: string, desc?: string, details?: unknown);
	readonly uri: string;
	readonly desc: string | undefined;
	readonly details: unknown;
	readonly detail: unknown;
}

/** A CURIE table: prefix to URI. */
export class Prefixes {
	set(prefix: string, uri: string): void;
	get(prefix: string): string | undefined;
	entries(): Array<[string, string]>;
	/** Expands a registered prefix; `http://`, `https://` and unknown prefixes pass unchanged. */
	resolve(curieOrUri: string): string;
	/** The CURIE with the longest matching registered URI, or the URI itself. */
	shrink(uri: string): string;
}

export interface CloseInfo {
	code: number;
	reason: string;
	/** Whether another attempt is scheduled. */
	retrying: boolean;
	/** Milliseconds until that attempt. */
	delay: number;
}

export interface ConnectOptions {
	/** After every WELCOME, the first one and those after a reconnect. */
	onOpen?: (session: Session) => void;
	/** After every close. */
	onClose?: (info: CloseInfo) => void;
	/** Back-off in milliseconds (default 500 to 30000); `false` turns reconnecting off. */
	reconnect?: false | { initialDelay?: number; maxDelay?: number };
	/** Milliseconds each attempt waits for WELCOME (default 10000). */
	welcomeTimeout?: number;
	/** Aborting it closes the session for good. */
	signal?: AbortSignal;
	/** Creates the socket; default `new WebSocket(url, protocols)`. */
	webSocketFactory?: (url: string, protocols: string[]) => WebSocket;
}

/** Opens a session; resolves after the first WELCOME. */
export function connect(url: string, options?: ConnectOptions): Promise<Session>;

/** The native API's handler of a topic's events: event first. */
export type EventHandler = (event: any, topicUri: string) => void;

/** A WAMP v1 session over one WebSocket that is re-opened when it drops. */
export class Session {
	/** The WAMP session id; `null` while disconnected. */
	readonly id: string | null;
	readonly isOpen: boolean;
	readonly serverIdent: string | null;
	/** The current socket, `null` while disconnected. */
	readonly socket: WebSocket | null;
	call<T = any>(procUri: string, ...args: any[]): Promise<T>;
	subscribe(topic: string, handler: EventHandler): void;
	unsubscribe(topic: string, handler?: EventHandler): void;
	/** `false` when not connected (the event is dropped). */
	publish(topic: string, event: any, excludeMe?: boolean): boolean;
	publish(topic: string, event: any, exclude: string[], eligible?: string[]): boolean;
	publish(topic: string, event: any, exclude: boolean, eligible: string[]): boolean;
	prefix(prefix: string, uri: string): void;
	resolve(curieOrUri: string): string;
	shrink(uri: string): string;
	/** WAMP-CRA: asks for a challenge (`null` auth key: anonymous). */
	authreq(authKey?: string | null, extra?: object | null): Promise<string | null>;
	/** WAMP-CRA: Base64(HMAC-SHA256(secret, challenge)). */
	authsign(challenge: string, secret?: string): string;
	/** WAMP-CRA: sends the signature; resolves with the permissions. */
	auth(signature?: string | null): Promise<any>;
	/** Closes for good: no reconnect, calls in flight reject. */
	close(): void;
}

/** Base64(HMAC-SHA256(secret, challenge)) of the UTF-8 texts, synchronously. */
export function authsign(challenge: string, secret?: string): string;

/** A salted WAMP-CRA secret's key. */
export interface AuthExtra {
	salt?: string;
	iterations?: number;
	keylen?: number;
}

/** Base64(PBKDF2-HMAC-SHA256(secret, salt, iterations, keylen)); the secret itself without a salt. */
export function deriveKey(secret: string, extra?: AuthExtra | null): string;

// ---- AutobahnJS 0.8 ----

/** The handler of a topic's events in AutobahnJS 0.8's API: topic first. */
export type AbEventHandler = (topicUri: string, event: any) => void;

/** onhangup's detail for codes 5 and 6. */
export interface ReconnectDetail {
	delay: number;
	retries: number;
	maxretries: number;
}

/** Returning `true` from a scheduled-reconnect hang-up (5 or 6) stops reconnecting. */
export type AbHangupHandler = (code: number, reason: string, detail?: ReconnectDetail | { code: number }) => boolean | void;

export interface AbConnectOptions {
	/** Milliseconds between reconnect attempts (default 5000). */
	retryDelay?: number;
	/** Reconnect attempts after a lost connection (default 10). */
	maxRetries?: number;
	/** Accept a server that does not answer with the `wamp` subprotocol. */
	skipSubprotocolCheck?: boolean;
	/** Do not offer the `wamp` subprotocol. */
	skipSubprotocolAnnounce?: boolean;
	/** Extension: milliseconds to wait for WELCOME (default 10000). */
	welcomeTimeout?: number;
	/** Extension: creates the socket; default `new WebSocket(url, protocols)`. */
	webSocketFactory?: (url: string, protocols: string[]) => WebSocket;
}

/** A Promise with when.js's `otherwise` and `always`, as AutobahnJS 0.8's promises had. */
export class WhenPromise<T> extends Promise<T> {
	otherwise<R = never>(onRejected: (reason: any) => R | PromiseLike<R>): WhenPromise<T | R>;
	always<R>(onSettled: (valueOrReason: any) => R | PromiseLike<R>): WhenPromise<R>;
}

/** AutobahnJS 0.8's session: one WebSocket. */
export class AbSession {
	constructor(wsuri: string, onopen: () => void, onclose: (code: number, reason?: string) => void, options?: AbConnectOptions);
	sessionid(): string | null;
	wsuri(): string;
	prefix(prefix: string, uri: string): void;
	shrink(uri: string, pass?: boolean): string | null;
	resolve(curie: string, pass?: boolean): string | null;
	call<T = any>(procuri: string, ...args: any[]): WhenPromise<T>;
	subscribe(topicuri: string, callback: AbEventHandler): void;
	unsubscribe(topicuri: string, callback?: AbEventHandler): void;
	publish(topicuri: string, event: any, excludeMe?: boolean): void;
	publish(topicuri: string, event: any, exclude: string[], eligible?: string[]): void;
	authreq(authKey?: string | null, extra?: object | null): WhenPromise<string | null>;
	authsign(challenge: string, secret?: string): string;
	auth(signature?: string | null): WhenPromise<any>;
	close(): void;
}

export interface AbLaunchConfig {
	wsuri: string;
	appkey?: string | null;
	appextra?: object | null;
	/** The secret, or a function that signs the challenge. */
	appsecret?: string | ((challenge: string) => string);
	sessionConfig?: AbConnectOptions;
}

export interface Ab {
	readonly CONNECTION_CLOSED: 0;
	readonly CONNECTION_LOST: 1;
	readonly CONNECTION_RETRIES_EXCEEDED: 2;
	readonly CONNECTION_UNREACHABLE: 3;
	readonly CONNECTION_UNSUPPORTED: 4;
	readonly CONNECTION_UNREACHABLE_SCHEDULED_RECONNECT: 5;
	readonly CONNECTION_LOST_SCHEDULED_RECONNECT: 6;
	readonly Session: typeof AbSession;
	readonly Error: typeof WampError;
	connect(wsuri: string, onconnect: (session: AbSession) => void, onhangup?: AbHangupHandler, options?: AbConnectOptions): void;
	launch(config: AbLaunchConfig, onconnect?: (session: AbSession) => void, onhangup?: AbHangupHandler): void;
	deriveKey(secret: string, extra?: AuthExtra | null): string;
	debug(wamp?: boolean, ws?: boolean): void;
	log(...args: any[]): void;
	version(): string;
	Deferred<T = any>(): { promise: WhenPromise<T>; resolve(value: T): void; reject(reason?: any): void };
}

/** AutobahnJS 0.8's `ab`. */
export const ab: Ab;
