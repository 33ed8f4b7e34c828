package dev.websocket.server.support;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable ids (session ids, node ids) from one shared {@link SecureRandom}, encoded
 * URL-safe Base64 without padding.
 */
public final class RandomIds {

	private static final SecureRandom random = new SecureRandom();

	private static final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

	private RandomIds() {
	}

	/**
	 * A new random id.
	 * @param bytes how many random bytes it carries (16 for 128 bits)
	 * @return the bytes, URL-safe Base64 without padding
	 */
	public static String next(int bytes) {
		byte[] value = new byte[bytes];
		random.nextBytes(value);
		return encoder.encodeToString(value);
	}

}
