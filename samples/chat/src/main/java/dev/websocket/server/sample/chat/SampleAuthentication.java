package dev.websocket.server.sample.chat;

import java.security.Principal;

import dev.websocket.server.spring.annotation.WampRpc;
import dev.websocket.server.wamp.auth.WampCraSecrets;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * WAMP-CRA logins as AutobahnJS 0.8 front ends perform them: the secrets bean switches
 * the {@code http://api.wamp.ws/procedure#authreq} and {@code #auth} procedures on, and
 * {@code sample/whoami} tells who the connection is. The same secrets serve WAMP v2
 * {@code wampcra} logins (the starter's {@code Wamp2Authenticator} takes them, beside the
 * {@code ticket} of {@code application.yml}). Demo credentials only: a real application
 * loads derived keys from its user store.
 */
@Configuration(proxyBeanMethods = false)
class SampleAuthentication {

	/**
	 * {@code joe} signs with the plain secret {@code secret}; {@code peter}'s secret
	 * {@code secret} is salted ({@code salt123}, 1000 iterations, 32-byte key), so the
	 * client signs with {@code ab.deriveKey("secret", challenge.authextra)}; anonymous
	 * logins ({@code authreq(null)}) are allowed.
	 */
	@Bean
	WampCraSecrets wampCraSecrets() {
		return WampCraSecrets.builder()
			.plain("joe", "secret")
			.salted("peter", "secret", "salt123", 1000, 32)
			.allowAnonymous(true)
			.build();
	}

	/** The procedures of this configuration. */
	@Bean
	WhoAmI sampleWhoAmI() {
		return new WhoAmI();
	}

	static final class WhoAmI {

		/**
		 * The auth key (v1) or authid (v2) the connection logged in with, or {@code null}
		 * (not logged in, or anonymously).
		 */
		@WampRpc("sample/whoami")
		@Nullable String whoami(@Nullable Principal principal) {
			return (principal != null) ? principal.getName() : null;
		}

	}

}
