package dev.websocket.server.wamp.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The cryptography of WAMP-CRA, shared by every protocol generation that speaks it: a
 * signature is {@code Base64(HMAC-SHA256(key, challenge))} over the UTF-8 bytes of both,
 * and a salted key is {@code Base64(PBKDF2-HMAC-SHA256(secret, salt, iterations,
 * keyLength))}, used as a key through its UTF-8 text, exactly as AutobahnJS 0.8's
 * {@code authsign} and {@code ab.deriveKey} compute them. Stateless and thread-safe.
 */
public final class WampCra {

	private static final String HMAC = "HmacSHA256";

	private static final String PBKDF2 = "PBKDF2WithHmacSHA256";

	private WampCra() {
	}

	/**
	 * Derives a salted key as AutobahnJS's {@code ab.deriveKey(secret, {salt, keylen,
	 * iterations})} does.
	 * @param secret the secret, as UTF-8
	 * @param salt the salt, as UTF-8
	 * @param iterations the PBKDF2 iterations, at least 1
	 * @param keyLength the derived key's length in bytes, at least 1
	 * @return the derived key in Base64, the text to sign with
	 * @throws IllegalArgumentException for a non-positive count or length
	 */
	public static String deriveKey(String secret, String salt, int iterations, int keyLength) {
		if (iterations < 1 || keyLength < 1) {
			throw new IllegalArgumentException(
					"iterations and keyLength must be at least 1 but were " + iterations + " and " + keyLength);
		}
		// The JDK's PBKDF2 turns the password's chars into UTF-8, as CryptoJS does with a
		// string.
		PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations,
				keyLength * 8);
		try {
			byte[] key = SecretKeyFactory.getInstance(PBKDF2).generateSecret(spec).getEncoded();
			return Base64.getEncoder().encodeToString(key);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("PBKDF2 with HMAC-SHA256 is not available", ex);
		}
		finally {
			spec.clearPassword();
		}
	}

	/**
	 * Signs a challenge as AutobahnJS's {@code session.authsign(challenge, key)} does.
	 * @param key the secret, or a derived key's Base64 text
	 * @param challenge the challenge text exactly as received
	 * @return the signature in Base64
	 */
	public static String sign(String key, String challenge) {
		byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
		if (keyBytes.length == 0) {
			// HMAC pads short keys with zero bytes, so the empty key (which CryptoJS
			// accepts and the JDK refuses) is the same key as a single zero byte.
			keyBytes = new byte[1];
		}
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(new SecretKeySpec(keyBytes, HMAC));
			return Base64.getEncoder().encodeToString(mac.doFinal(challenge.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	/**
	 * Compares a signature with the expected one in time independent of where they
	 * differ.
	 * @param expected the expected signature
	 * @param actual the signature received, or {@code null}
	 * @return whether they are equal
	 */
	public static boolean matches(String expected, @Nullable String actual) {
		if (actual == null) {
			return false;
		}
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				actual.getBytes(StandardCharsets.UTF_8));
	}

}
