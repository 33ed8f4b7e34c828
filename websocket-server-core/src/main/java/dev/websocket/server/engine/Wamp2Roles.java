package dev.websocket.server.engine;

import java.util.Map;

/**
 * The roles and advanced features the router announces in WELCOME: only what it
 * implements, so a client never relies on a feature that is not there.
 */
final class Wamp2Roles {

	/** {@code WELCOME.Details.roles}. */
	static final Map<String, Object> ROUTER = Map.of("broker", Map.of("features", Map.of("publisher_exclusion", true,
			"subscriber_blackwhite_listing", true, "publisher_identification", true)), "dealer",
			Map.of("features", Map.of()));

	private Wamp2Roles() {
	}

}
