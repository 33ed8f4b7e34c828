package dev.websocket.server.spring.readmeauth; // your own package

import dev.websocket.server.wamp.auth.WampCraSecrets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WampCraConfiguration {

	@Bean
	WampCraSecrets wampCraSecrets() {
		return WampCraSecrets.builder()
			.plain("joe", "secret") // signs with the secret itself
			.salted("peter", "secret", "salt123", 1000, 32) // PBKDF2, derived at start-up
			.allowAnonymous(true) // authreq(null) accepted
			.build();
	}

}
