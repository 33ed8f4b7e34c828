package dev.websocket.server.wamp.auth;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where WAMP-CRA finds the secret of an auth key, whether anonymous logins are allowed,
 * and which principal a login yields. The application provides one (in Spring, a bean of
 * this type switches WAMP-CRA on); {@link #builder()} holds secrets in memory.
 *
 * <p>
 * Called on the connection's I/O thread while answering {@code authreq}: look-ups must
 * not block (keep the secrets, or better their derived keys, in memory).
 */
public interface WampCraSecrets {

	/**
	 * The secret of an auth key.
	 * @param authKey the key the client asked to authenticate as
	 * @return its secret, or {@code null} when there is no such key
	 */
	@Nullable WampCraSecret secret(String authKey);

	/** Whether {@code authreq(null)} (an anonymous login) is accepted; no by default. */
	default boolean allowsAnonymous() {
		return false;
	}

	/** What an anonymous login announces; none by default. */
	default WampCraPermissions anonymousPermissions() {
		return WampCraPermissions.NONE;
	}

	/**
	 * The connection's principal after a successful login; a {@link WampCraPrincipal} by
	 * default. Return your own (for example a Spring Security {@code Authentication} with
	 * authorities) to give the user roles.
	 * @param authKey the authenticated key
	 * @param secret its secret
	 * @return the principal, named after the user
	 */
	default Principal principal(String authKey, WampCraSecret secret) {
		return new WampCraPrincipal(authKey, secret.permissions());
	}

	/** Secrets held in memory. */
	static Builder builder() {
		return new Builder();
	}

	/** Collects secrets per auth key. */
	final class Builder {

		private final Map<String, WampCraSecret> secrets = new LinkedHashMap<>();

		private boolean anonymous;

		private WampCraPermissions anonymousPermissions = WampCraPermissions.NONE;

		private Builder() {
		}

		/**
		 * @param authKey the auth key
		 * @param secret its plain secret
		 * @return this builder
		 */
		public Builder plain(String authKey, String secret) {
			return secret(authKey, WampCraSecret.plain(secret));
		}

		/**
		 * @param authKey the auth key
		 * @param secret its secret, salted now with PBKDF2
		 * @param salt the salt
		 * @param iterations the PBKDF2 iterations
		 * @param keyLength the derived key's length in bytes
		 * @return this builder
		 */
		public Builder salted(String authKey, String secret, String salt, int iterations, int keyLength) {
			return secret(authKey, WampCraSecret.salted(secret, salt, iterations, keyLength));
		}

		/**
		 * @param authKey the auth key
		 * @param secret its secret
		 * @return this builder
		 */
		public Builder secret(String authKey, WampCraSecret secret) {
			secrets.put(authKey, secret);
			return this;
		}

		/**
		 * @param allowed whether anonymous logins are accepted
		 * @return this builder
		 */
		public Builder allowAnonymous(boolean allowed) {
			this.anonymous = allowed;
			return this;
		}

		/**
		 * @param permissions what anonymous logins announce
		 * @return this builder
		 */
		public Builder anonymousPermissions(WampCraPermissions permissions) {
			this.anonymousPermissions = permissions;
			return this;
		}

		/** The secrets collected so far. */
		public WampCraSecrets build() {
			Map<String, WampCraSecret> copy = Map.copyOf(secrets);
			boolean allowsAnonymous = anonymous;
			WampCraPermissions permissions = anonymousPermissions;
			return new WampCraSecrets() {

				@Override
				public @Nullable WampCraSecret secret(String authKey) {
					return copy.get(authKey);
				}

				@Override
				public boolean allowsAnonymous() {
					return allowsAnonymous;
				}

				@Override
				public WampCraPermissions anonymousPermissions() {
					return permissions;
				}

				@Override
				public String toString() {
					return "WampCraSecrets" + copy.keySet();
				}
			};
		}

	}

}
