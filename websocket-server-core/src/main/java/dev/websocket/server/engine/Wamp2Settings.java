package dev.websocket.server.engine;

import java.util.Set;

/**
 * Which protocol generations the endpoint speaks and the WAMP v2 realms. The client's
 * order of preference among the enabled subprotocols ({@code wamp}, {@code wamp.2.json},
 * {@code wamp.2.cbor}) decides a socket's protocol.
 *
 * @param v1 whether {@code wamp} (WAMP v1) is offered
 * @param json whether {@code wamp.2.json} is offered
 * @param cbor whether {@code wamp.2.cbor} is offered
 * @param realms the realms a v2 client may join; HELLO to another answers ABORT
 * {@code wamp.error.no_such_realm}
 * @param maxRegistrations procedures one v2 session may register; more are answered with
 * {@code wamp.error.limit_reached}
 * @throws IllegalArgumentException when no protocol is enabled, or v2 is on without a
 * realm
 */
public record Wamp2Settings(boolean v1, boolean json, boolean cbor, Set<String> realms, int maxRegistrations) {

	/** The default of {@link #maxRegistrations()}. */
	public static final int DEFAULT_MAX_REGISTRATIONS = 256;

	/** The default realm. */
	public static final String DEFAULT_REALM = "realm1";

	public Wamp2Settings {
		realms = Set.copyOf(realms);
		if (!v1 && !json && !cbor) {
			throw new IllegalArgumentException("At least one of wamp, wamp.2.json and wamp.2.cbor must be enabled");
		}
		if ((json || cbor) && realms.isEmpty()) {
			throw new IllegalArgumentException("WAMP v2 needs at least one realm");
		}
		if (maxRegistrations < 0) {
			throw new IllegalArgumentException("maxRegistrations must not be negative but was " + maxRegistrations);
		}
	}

	/**
	 * Settings with the default registration limit.
	 * @param v1 whether {@code wamp} is offered
	 * @param json whether {@code wamp.2.json} is offered
	 * @param cbor whether {@code wamp.2.cbor} is offered
	 * @param realms the realms
	 */
	public Wamp2Settings(boolean v1, boolean json, boolean cbor, Set<String> realms) {
		this(v1, json, cbor, realms, DEFAULT_MAX_REGISTRATIONS);
	}

	/** v1 and {@code wamp.2.json} on, {@code wamp.2.cbor} off, realm {@code realm1}. */
	public static Wamp2Settings defaults() {
		return new Wamp2Settings(true, true, false, Set.of(DEFAULT_REALM));
	}

}
