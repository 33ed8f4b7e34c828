package dev.websocket.server.wamp2.auth;

import java.time.Duration;

import dev.websocket.server.wamp.auth.WampCraSecrets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class Wamp2AuthenticatorTests {

	@Test
	void anEmptyBuilderPerformsNoMethodAndAcceptsNoTicket() {
		Wamp2Authenticator authenticator = Wamp2Authenticator.builder().build();
		assertThat(authenticator.authmethods()).isEmpty();
		assertThat(authenticator.verifyTicket("joe", "secret")).isFalse();
		assertThat(authenticator.wampcraSecret("joe")).isNull();
	}

	@Test
	void aTicketMatchesOnlyItsOwnAuthid() {
		Wamp2Authenticator authenticator = Wamp2Authenticator.builder()
			.ticket("joe", "secret")
			.ticket("ann", "other")
			.build();
		assertThat(authenticator.authmethods()).containsExactly("ticket");
		assertThat(authenticator.verifyTicket("joe", "secret")).isTrue();
		assertThat(authenticator.verifyTicket("joe", "secret ")).isFalse();
		assertThat(authenticator.verifyTicket("joe", "other")).isFalse();
		assertThat(authenticator.verifyTicket("ann", "other")).isTrue();
		assertThat(authenticator.verifyTicket("nobody", "secret")).isFalse();
		// the digest an unknown authid is compared with is no ticket either
		assertThat(authenticator.verifyTicket("nobody", "\u0000no such authid")).isFalse();
	}

	@Test
	void wampcraSecretsAreTheV1Bean() {
		WampCraSecrets secrets = WampCraSecrets.builder()
			.plain("joe", "secret")
			.salted("peter", "secret", "salt123", 1000, 32)
			.build();
		Wamp2Authenticator authenticator = Wamp2Authenticator.builder().wampcra(secrets).build();
		assertThat(authenticator.authmethods()).containsExactly("wampcra");
		assertThat(authenticator.wampcraSecret("joe")).isEqualTo(secrets.secret("joe"));
		assertThat(authenticator.wampcraSecret("peter").derivation()).isNotNull();
		assertThat(authenticator.wampcraSecret("nobody")).isNull();
	}

	@Test
	void rolesProviderAndPrincipal() {
		Wamp2Authenticator authenticator = Wamp2Authenticator.builder()
			.ticket("joe", "secret")
			.role("joe", "admin")
			.defaultRole("member")
			.authprovider("userdb")
			.build();
		assertThat(authenticator.authrole("joe", "ticket")).isEqualTo("admin");
		assertThat(authenticator.authrole("ann", "wampcra")).isEqualTo("member");
		assertThat(authenticator.authprovider()).isEqualTo("userdb");
		Wamp2Principal login = new Wamp2Principal("joe", "admin", "ticket", "userdb");
		assertThat(authenticator.principal(login)).isSameAs(login);
		assertThat(login.getName()).isEqualTo("joe");
		assertThat(authenticator.toString()).doesNotContain("secret");
	}

	@Test
	void theFailureDelayLiesBetweenTheFloorAndTheFloorPlusTheJitter() {
		Wamp2Authentication authentication = Wamp2Authentication.builder()
			.failureDelay(Duration.ofMillis(100), Duration.ofMillis(50))
			.build();
		for (int i = 0; i < 100; i++) {
			assertThat(authentication.nextFailureDelay()).isBetween(Duration.ofMillis(100), Duration.ofMillis(150));
		}
		assertThat(Wamp2Authentication.builder().failureDelay(Duration.ZERO, Duration.ZERO).build().nextFailureDelay())
			.isZero();
	}

	@Test
	void defaultsAndBounds() {
		Wamp2Authentication anonymous = Wamp2Authentication.anonymous();
		assertThat(anonymous.authenticator()).isNull();
		assertThat(anonymous.required()).isFalse();
		assertThat(anonymous.nextFailureDelay()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Wamp2Authentication.builder().failureDelay(Duration.ofSeconds(-1), Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Wamp2Authentication.builder().failureDelay(Duration.ZERO, Duration.ofSeconds(-1)));
	}

}
