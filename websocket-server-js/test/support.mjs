// What the tests share: the server under test, a WebSocket for Node 20 and bounded waiting.
import { WebSocket } from "ws";

// Node 20 has no global WebSocket; the client uses the global one, as in a browser.
globalThis.WebSocket ??= WebSocket;

/** The WAMP endpoint the tests talk to: the chat sample, started by the build (WAMP_URL). */
export function serverUrl() {
	const url = process.env.WAMP_URL;
	if (!url) {
		throw new Error("WAMP_URL is not set: run the tests through the build (WampPackageNodeTests), "
			+ "or start the chat sample and set WAMP_URL=ws://localhost:8080/ws");
	}
	return url;
}

/** Resolves when `condition()` holds, checking every 20 ms; rejects after `ms`. */
export function until(condition, ms = 10000, what = "a condition") {
	return new Promise((resolve, reject) => {
		const deadline = Date.now() + ms;
		const check = () => {
			if (condition()) {
				resolve();
			}
			else if (Date.now() > deadline) {
				reject(new Error("timed out waiting for " + what));
			}
			else {
				setTimeout(check, 20);
			}
		};
		check();
	});
}

/** A room name no other test uses. */
export function room(name) {
	return `chat/node-${name}-${Math.random().toString(36).substring(2, 8)}`;
}
