package dev.websocket.server.spring.handshake;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The README's bearer-token setup: Spring Security's resource server reads the JWT from
 * the {@code access_token} query parameter of the upgrade request (browsers cannot set
 * headers on a WebSocket) and the endpoint requires it. The signing key is generated
 * here; a real application points the decoder at its issuer.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(WhoAmI.class)
class BearerTokenApplication {

	static final KeyPair KEYS = rsaKeyPair();

	@Bean
	SecurityWebFilterChain bearerTokenChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder) {
		ServerBearerTokenAuthenticationConverter bearerTokens = new ServerBearerTokenAuthenticationConverter();
		bearerTokens.setAllowUriQueryParameter(true);
		return http.authorizeExchange((exchanges) -> exchanges.pathMatchers("/ws").authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.bearerTokenConverter(bearerTokens)
				.jwt((jwt) -> jwt.jwtDecoder(decoder)))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.build();
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder() {
		return NimbusReactiveJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
	}

	static KeyPair rsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
