package dev.websocket.server.engine;

import java.util.Map;

/**
 * The roles and advanced features the router announces in WELCOME: only what it
 * implements, so a client never relies on a feature that is not there.
 */
final class Wamp2Roles {

	/** {@code WELCOME.Details.roles}. */
	static final Map<String, Object> ROUTER = Map.of("broker",
			Map.of("features",
					Map.of("publisher_exclusion", true, "subscriber_blackwhite_listing", true,
							"publisher_identification", true, "pattern_based_subscription", true)),
			"dealer", Map.of("features", Map.of("progressive_call_results", true, "call_canceling", true,
					"call_timeout", true, "caller_identification", true)));

	private Wamp2Roles() {
	}

}
