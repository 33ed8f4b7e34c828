package dev.websocket.server.spring.handshake;

import java.net.URI;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.websocket.server.client.WampClient;
import dev.websocket.server.client.WampHandshakeException;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JWT in the {@code access_token} query parameter of the upgrade request becomes the
 * connection's principal (Spring Security's resource server), over a real socket.
 */
@SpringBootTest(classes = BearerTokenApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class BearerTokenHandshakeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	private URI endpoint(String query) {
		return URI.create("ws://localhost:" + this.port + "/ws" + query);
	}

	private static String token(String subject, PrivateKey key) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	@Test
	void tokenSubjectIsTheConnectionsPrincipal() throws Exception {
		String token = token("alice", BearerTokenApplication.KEYS.getPrivate());
		WampClient client = WampClient.connect(endpoint("?access_token=" + token)).block(TIMEOUT);
		try {
			StepVerifier.create(client.call("test/whoami").map(JsonNode::asString))
				.expectNext("alice")
				.verifyComplete();
		}
		finally {
			client.abort();
		}
	}

	@Test
	void handshakeWithoutATokenIsRefused() {
		StepVerifier.create(WampClient.connect(endpoint("")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(WampHandshakeException.class))
			.verify(TIMEOUT);
	}

	@Test
	void tokenSignedByAnotherKeyIsRefused() throws Exception {
		String forged = token("alice", BearerTokenApplication.rsaKeyPair().getPrivate());
		StepVerifier.create(WampClient.connect(endpoint("?access_token=" + forged)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(WampHandshakeException.class))
			.verify(TIMEOUT);
	}

}
