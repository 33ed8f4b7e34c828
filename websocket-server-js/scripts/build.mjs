// Writes the classic-script form of wamp.js: `node scripts/build.mjs [outDir]` (default dist/)
// creates ab.js, which defines the global `ab` as AutobahnJS 0.8's script does. It is the module
// with its `export` keywords dropped, inside a function so that nothing else leaks into the page.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = process.argv[2] || join(root, "dist");
const module = readFileSync(join(root, "wamp.js"), "utf8");

const body = module.replace(/^export (const|function|class) /gm, "$1 ");
const leftover = body.match(/^\s*export\b.*$/m);
if (leftover) {
	throw new Error("wamp.js has an export the classic build cannot convert: " + leftover[0]);
}
const indented = body.split("\n").map((line) => (line.length > 0 ? "\t" + line : line)).join("\n");
const script = `// websocket-server-wamp, classic script: defines the global \`ab\` (AutobahnJS 0.8's API).
// Generated from wamp.js by scripts/build.mjs; the ES module is the same code with its exports.
(function (global) {
	"use strict";
${indented}
	global.ab = ab;
})(typeof globalThis !== "undefined" ? globalThis : this);
`;
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "ab.js"), script);
