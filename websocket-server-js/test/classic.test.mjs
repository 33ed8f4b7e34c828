// The classic script dist/ab.js (built by scripts/build.mjs) defines the global `ab` by itself,
// as AutobahnJS 0.8's script does, with the same API as the module's `ab`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import vm from "node:vm";
import { WebSocket } from "ws";
import { serverUrl } from "./support.mjs";
import * as module from "../wamp.js";

const dir = new URL("../", import.meta.url);

function loadClassicScript() {
	const context = vm.createContext({ WebSocket, console, setTimeout, clearTimeout, TextEncoder, btoa });
	vm.runInContext(readFileSync(new URL("dist/ab.js", dir), "utf8"), context, { filename: "ab.js" });
	return context;
}

test("the committed dist/ab.js is what scripts/build.mjs makes of wamp.js (run `npm run build` after editing wamp.js)", () => {
	const out = mkdtempSync(join(tmpdir(), "ab-js-"));
	try {
		execFileSync(process.execPath, [new URL("scripts/build.mjs", dir).pathname, out]);
		assert.equal(readFileSync(new URL("dist/ab.js", dir), "utf8"), readFileSync(join(out, "ab.js"), "utf8"));
	}
	finally {
		rmSync(out, { recursive: true, force: true });
	}
});

test("ab.js defines only the global ab, with the module's members", () => {
	const context = loadClassicScript();
	assert.deepEqual(Object.keys(context).filter((name) => !["WebSocket", "console", "setTimeout", "clearTimeout", "TextEncoder", "btoa"].includes(name)), ["ab"]);
	assert.deepEqual(Object.keys(context.ab).sort(), Object.keys(module.ab).sort());
	assert.equal(context.ab.version(), module.VERSION);
});

test("the global ab connects and calls", async () => {
	const { ab } = loadClassicScript();
	const session = await new Promise((resolve, reject) => ab.connect(serverUrl(), resolve, (code, reason) => reject(new Error(reason))));
	assert.equal(await session.call("sample/sum", 20, 22), 42);
	session.close();
});
