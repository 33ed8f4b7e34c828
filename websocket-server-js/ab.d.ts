// Type declarations of the classic script ab.js: the global `ab` (AutobahnJS 0.8's API).
import type { Ab } from "./wamp.js";

declare global {
	const ab: Ab;
}

export {};
