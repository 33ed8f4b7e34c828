package dev.websocket.server.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.websocket.server.engine.Wamp2Settings;

/**
 * Which WAMP generations the endpoint speaks, under {@code websocket.server.protocols}:
 * {@code wamp} (v1), {@code wamp.2.json} and {@code wamp.2.cbor}, each with its own
 * switch, chosen per socket by the client's order of preference; and the WAMP v2 realms.
 */
public class WampProtocolProperties {

	/**
	 * WAMP v1, subprotocol "wamp".
	 */
	private final Protocol v1 = new Protocol(true);

	/**
	 * WAMP v2 with JSON, subprotocol "wamp.2.json".
	 */
	private final Protocol v2Json = new Protocol(true);

	/**
	 * WAMP v2 with CBOR, subprotocol "wamp.2.cbor" (binary frames).
	 */
	private final Protocol v2Cbor = new Protocol(true);

	/**
	 * Realms a WAMP v2 client may join; HELLO to another is answered with ABORT
	 * wamp.error.no_such_realm.
	 */
	private List<String> realms = new ArrayList<>(List.of(Wamp2Settings.DEFAULT_REALM));

	/**
	 * Procedures one WAMP v2 session may register as a client callee; more are answered
	 * with wamp.error.limit_reached.
	 */
	private int maxRegistrations = Wamp2Settings.DEFAULT_MAX_REGISTRATIONS;

	public int getMaxRegistrations() {
		return this.maxRegistrations;
	}

	public void setMaxRegistrations(int maxRegistrations) {
		this.maxRegistrations = maxRegistrations;
	}

	public Protocol getV1() {
		return this.v1;
	}

	public Protocol getV2Json() {
		return this.v2Json;
	}

	public Protocol getV2Cbor() {
		return this.v2Cbor;
	}

	public List<String> getRealms() {
		return this.realms;
	}

	public void setRealms(List<String> realms) {
		this.realms = realms;
	}

	/**
	 * The engine's protocol settings these properties describe.
	 * @return the settings
	 * @throws IllegalArgumentException when every protocol is off, or v2 has no realm
	 */
	public Wamp2Settings toSettings() {
		return new Wamp2Settings(this.v1.isEnabled(), this.v2Json.isEnabled(), this.v2Cbor.isEnabled(),
				java.util.Set.copyOf(this.realms), this.maxRegistrations);
	}

	/** One subprotocol's switch. */
	public static class Protocol {

		/**
		 * Whether the subprotocol is offered.
		 */
		private boolean enabled;

		Protocol(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
