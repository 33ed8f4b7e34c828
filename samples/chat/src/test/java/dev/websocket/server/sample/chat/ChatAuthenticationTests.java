package dev.websocket.server.sample.chat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import dev.websocket.server.client.WampCallException;
import dev.websocket.server.client.WampClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sample's WAMP-CRA credentials (README), logged in the way AutobahnJS 0.8 does it,
 * with signatures and derived keys computed here with {@code javax.crypto}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatAuthenticationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String AUTHREQ = "http://api.wamp.ws/procedure#authreq";

	private static final String AUTH = "http://api.wamp.ws/procedure#auth";

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	final ChatSockets sockets = new ChatSockets();

	private static String hmac(String key, String text) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
	}

	private static String whoami(WampClient client) {
		JsonNode name = client.call("sample/whoami").block(TIMEOUT);
		return name.isNull() ? null : name.asString();
	}

	@Test
	void joeLogsInWithThePlainSecret() throws Exception {
		WampClient client = this.sockets.client();
		String challenge = client.call(AUTHREQ, "joe", null).block(TIMEOUT).asString();
		client.call(AUTH, hmac("secret", challenge)).block(TIMEOUT);
		assertThat(whoami(client)).isEqualTo("joe");
	}

	@Test
	void peterLogsInWithTheSaltedSecret() throws Exception {
		WampClient client = this.sockets.client();
		String challenge = client.call(AUTHREQ, "peter", null).block(TIMEOUT).asString();
		JsonNode authextra = json.readTree(challenge).get("authextra");
		assertThat(authextra.toString()).isEqualTo("{\"salt\":\"salt123\",\"keylen\":32,\"iterations\":1000}");
		PBEKeySpec spec = new PBEKeySpec("secret".toCharArray(), "salt123".getBytes(StandardCharsets.UTF_8), 1000,
				32 * 8);
		String key = Base64.getEncoder()
			.encodeToString(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded());
		client.call(AUTH, hmac(key, challenge)).block(TIMEOUT);
		assertThat(whoami(client)).isEqualTo("peter");
	}

	@Test
	void anonymousLoginIsAllowedAndWhoamiIsNull() {
		WampClient client = this.sockets.client();
		assertThat(client.call(AUTHREQ, (Object) null, null).block(TIMEOUT).isNull()).isTrue();
		assertThat(client.call(AUTH, (Object) null).block(TIMEOUT).toString()).isEqualTo("{\"rpc\":[],\"pubsub\":[]}");
		assertThat(whoami(client)).isNull();
	}

	@Test
	void whoamiBeforeLoginIsNull() {
		assertThat(whoami(this.sockets.client())).isNull();
	}

	@Test
	void wrongSecretIsAnInvalidSignature() throws Exception {
		WampClient client = this.sockets.client();
		String challenge = client.call(AUTHREQ, "joe", null).block(TIMEOUT).asString();
		assertThatExceptionOfType(WampCallException.class)
			.isThrownBy(() -> client.call(AUTH, hmac("wrong", challenge)).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.errorUri()).isEqualTo("http://api.wamp.ws/error#invalid-signature"));
		assertThat(whoami(client)).isNull();
	}

}
