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
 * @throws IllegalArgumentException when no protocol is enabled, or v2 is on without a
 * realm
 */
public record Wamp2Settings(boolean v1, boolean json, boolean cbor, Set<String> realms) {

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
	}

	/** v1 and {@code wamp.2.json} on, {@code wamp.2.cbor} off, realm {@code realm1}. */
	public static Wamp2Settings defaults() {
		return new Wamp2Settings(true, true, false, Set.of(DEFAULT_REALM));
	}

}
