package dev.websocket.server.wamp.auth;

import org.jspecify.annotations.Nullable;

/**
 * What the server knows of one WAMP-CRA auth key: the key challenges are signed with, and
 * for a salted secret how the client derives that key from its secret (sent to it as the
 * challenge's {@code authextra}).
 *
 * @param key the signing key: the secret itself, or the Base64 text of the derived key
 * @param derivation how a salted key was derived, {@code null} for a plain secret
 * @param permissions what the challenge and {@code auth} announce
 */
public record WampCraSecret(String key, @Nullable KeyDerivation derivation, WampCraPermissions permissions) {

	public WampCraSecret {
		if (key == null || permissions == null) {
			throw new IllegalArgumentException("key and permissions must not be null");
		}
	}

	/**
	 * A plain secret: the client signs with the secret itself.
	 * @param secret the shared secret
	 * @return the secret, announcing no permissions
	 */
	public static WampCraSecret plain(String secret) {
		return new WampCraSecret(secret, null, WampCraPermissions.NONE);
	}

	/**
	 * A salted secret: the key is derived now (PBKDF2), and the client derives the same
	 * with {@code ab.deriveKey(secret, challenge.authextra)}.
	 * @param secret the shared secret
	 * @param salt the salt
	 * @param iterations the PBKDF2 iterations
	 * @param keyLength the derived key's length in bytes
	 * @return the secret, announcing no permissions
	 */
	public static WampCraSecret salted(String secret, String salt, int iterations, int keyLength) {
		return derived(WampCra.deriveKey(secret, salt, iterations, keyLength), salt, iterations, keyLength);
	}

	/**
	 * A key derived beforehand, so the server need not hold the secret itself.
	 * @param derivedKey the Base64 text {@link WampCra#deriveKey} returned
	 * @param salt the salt it was derived with
	 * @param iterations the iterations it was derived with
	 * @param keyLength its length in bytes
	 * @return the secret, announcing no permissions
	 */
	public static WampCraSecret derived(String derivedKey, String salt, int iterations, int keyLength) {
		return new WampCraSecret(derivedKey, new KeyDerivation(salt, iterations, keyLength), WampCraPermissions.NONE);
	}

	/**
	 * This secret announcing other permissions.
	 * @param permissions the permissions
	 * @return a copy
	 */
	public WampCraSecret withPermissions(WampCraPermissions permissions) {
		return new WampCraSecret(key, derivation, permissions);
	}

	@Override
	public String toString() {
		// never the key
		return "WampCraSecret[salted=" + (derivation != null) + "]";
	}

	/**
	 * The PBKDF2 parameters of a salted key, the challenge's {@code authextra}
	 * {@code {"salt", "keylen", "iterations"}}.
	 *
	 * @param salt the salt
	 * @param iterations the iterations, always sent (AutobahnJS defaults to 10,000)
	 * @param keyLength the key length in bytes, sent as {@code keylen}
	 */
	public record KeyDerivation(String salt, int iterations, int keyLength) {

		public KeyDerivation {
			if (iterations < 1 || keyLength < 1) {
				throw new IllegalArgumentException("iterations and keyLength must be at least 1");
			}
		}
	}

}
