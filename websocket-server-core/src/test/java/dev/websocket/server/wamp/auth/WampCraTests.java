package dev.websocket.server.wamp.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The key derivation and signatures against vectors computed with Node's own crypto
 * module ({@code crypto.pbkdf2Sync}, {@code crypto.createHmac}), an implementation
 * independent of the JDK's.
 */
class WampCraTests {

	@Test
	void derivedKeyMatchesNodesPbkdf2() {
		// crypto.pbkdf2Sync("secret", "salt123", 1000, 32, "sha256").toString("base64")
		assertThat(WampCra.deriveKey("secret", "salt123", 1000, 32))
			.isEqualTo("MDS8Yxpu4J/vkHJ8dNEgqECYsI0uRDh2oZ5eN0vYPvo=");
	}

	@Test
	void derivedKeyIsUsedAsItsBase64Text() {
		// crypto.createHmac("sha256", derivedKeyBase64).update('{"authid":"x"}')
		assertThat(WampCra.sign("MDS8Yxpu4J/vkHJ8dNEgqECYsI0uRDh2oZ5eN0vYPvo=", "{\"authid\":\"x\"}"))
			.isEqualTo("Cleex3j6nVrnv2Xyusni2iZxfr3yHs+FNrL1UAWqpK0=");
	}

	@Test
	void signatureSignsTheUtf8OfTheChallenge() {
		assertThat(WampCra.sign("secret", "challenge \u00fc"))
			.isEqualTo("+sz1vRGusuVQ6iHXI08o+8Qa3zgK5CJvmH3hQNU+SZo=");
	}

	@Test
	void emptyKeySignsAsCryptoJsDoes() {
		// AutobahnJS's authsign signs with "" when no secret is given
		assertThat(WampCra.sign("", "challenge")).isEqualTo("p1/LXTQU+phoVsNj8r7q6hz+Z6VhR59kCYcfX7w8+ok=");
	}

	@Test
	void matchesComparesWholeSignatures() {
		String signature = WampCra.sign("secret", "challenge");
		assertThat(WampCra.matches(signature, signature)).isTrue();
		assertThat(WampCra.matches(signature, signature.substring(1))).isFalse();
		assertThat(WampCra.matches(signature, WampCra.sign("secret", "challengf"))).isFalse();
		assertThat(WampCra.matches(signature, null)).isFalse();
	}

	@Test
	void nonPositiveDerivationParametersAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> WampCra.deriveKey("secret", "salt", 0, 32));
		assertThatIllegalArgumentException().isThrownBy(() -> WampCra.deriveKey("secret", "salt", 1000, 0));
	}

	@Test
	void secretNeverShowsItsKey() {
		assertThat(WampCraSecret.plain("hunter2")).hasToString("WampCraSecret[salted=false]");
	}

}
