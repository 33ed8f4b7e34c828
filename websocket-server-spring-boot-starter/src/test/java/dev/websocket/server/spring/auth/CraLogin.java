package dev.websocket.server.spring.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.websocket.server.client.WampClient;
import tools.jackson.databind.JsonNode;

/** Logs a client in with WAMP-CRA, signing with {@code javax.crypto} directly. */
final class CraLogin {

	static final String AUTHREQ = "http://api.wamp.ws/procedure#authreq";

	static final String AUTH = "http://api.wamp.ws/procedure#auth";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private CraLogin() {
	}

	static JsonNode login(WampClient client, String authKey, String secret) {
		String challenge = client.call(AUTHREQ, authKey, null).block(TIMEOUT).asString();
		return client.call(AUTH, hmac(secret, challenge)).block(TIMEOUT);
	}

	static String hmac(String key, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
