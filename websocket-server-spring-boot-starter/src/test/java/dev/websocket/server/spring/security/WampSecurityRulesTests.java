package dev.websocket.server.spring.security;

import java.security.Principal;
import java.time.Duration;

import dev.websocket.server.engine.Action;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.testing.InMemoryTransport;
import dev.websocket.server.wamp.WampConnection;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.authority.AuthorityUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The rules of {@link WampSecurityRules}, against connections of a real engine. */
class WampSecurityRulesTests {

	private final WampServer server = WampServer.builder().build();

	private final InMemoryTransport transport = new InMemoryTransport(this.server);

	private final WampConnection anonymous = connection(null);

	private final WampConnection user = connection(UsernamePasswordAuthenticationToken.authenticated("user", null,
			AuthorityUtils.createAuthorityList("ROLE_USER")));

	private final WampConnection admin = connection(UsernamePasswordAuthenticationToken.authenticated("admin", null,
			AuthorityUtils.createAuthorityList("ROLE_ADMIN", "SCOPE_write")));

	@AfterEach
	void shutdown() {
		this.server.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(5));
	}

	@Test
	void noRulesPermitEverything() {
		WampSecurityRules rules = WampSecurityRules.builder().build();
		for (Action action : Action.values()) {
			assertThat(rules.isAllowed(this.anonymous, action, "admin/reset")).isTrue();
		}
	}

	@Test
	void hasRoleAllowsOnlyUsersWithTheRole() {
		WampSecurityRules rules = WampSecurityRules.builder().call("admin/**").hasRole("ADMIN").build();
		assertThat(rules.isAllowed(this.admin, Action.CALL, "admin/reset")).isTrue();
		assertThat(rules.isAllowed(this.user, Action.CALL, "admin/reset")).isFalse();
		assertThat(rules.isAllowed(this.anonymous, Action.CALL, "admin/reset")).isFalse();
	}

	@Test
	void authenticatedRefusesOnlyAnonymousConnections() {
		WampSecurityRules rules = WampSecurityRules.builder().subscribe("private/*").authenticated().build();
		assertThat(rules.isAllowed(this.user, Action.SUBSCRIBE, "private/inbox")).isTrue();
		assertThat(rules.isAllowed(this.anonymous, Action.SUBSCRIBE, "private/inbox")).isFalse();
	}

	@Test
	void principalThatIsNotAnAuthenticationCountsAsAuthenticatedWithoutAuthorities() {
		Principal plain = () -> "plain";
		WampConnection connection = connection(plain);
		WampSecurityRules rules = WampSecurityRules.builder()
			.call("me")
			.authenticated()
			.call("admin/**")
			.hasRole("ADMIN")
			.build();
		assertThat(rules.isAllowed(connection, Action.CALL, "me")).isTrue();
		assertThat(rules.isAllowed(connection, Action.CALL, "admin/reset")).isFalse();
	}

	@Test
	void authorityRulesCheckAuthoritiesAsGranted() {
		WampSecurityRules rules = WampSecurityRules.builder().publish("news/**").hasAuthority("SCOPE_write").build();
		assertThat(rules.isAllowed(this.admin, Action.PUBLISH, "news/today")).isTrue();
		assertThat(rules.isAllowed(this.user, Action.PUBLISH, "news/today")).isFalse();
	}

	@Test
	void rulesApplyOnlyToTheirAction() {
		WampSecurityRules rules = WampSecurityRules.builder().publish("chat/*").denyAll().build();
		assertThat(rules.isAllowed(this.user, Action.PUBLISH, "chat/lobby")).isFalse();
		assertThat(rules.isAllowed(this.user, Action.SUBSCRIBE, "chat/lobby")).isTrue();
		assertThat(rules.isAllowed(this.user, Action.CALL, "chat/lobby")).isTrue();
	}

	@Test
	void anyRuleAppliesToEveryAction() {
		WampSecurityRules rules = WampSecurityRules.builder().any("internal/**").denyAll().build();
		for (Action action : Action.values()) {
			assertThat(rules.isAllowed(this.admin, action, "internal/x")).isFalse();
		}
	}

	@Test
	void firstMatchingRuleDecides() {
		WampSecurityRules rules = WampSecurityRules.builder()
			.call("admin/status")
			.permitAll()
			.call("admin/**")
			.hasRole("ADMIN")
			.build();
		assertThat(rules.isAllowed(this.anonymous, Action.CALL, "admin/status")).isTrue();
		assertThat(rules.isAllowed(this.anonymous, Action.CALL, "admin/reset")).isFalse();
	}

	@Test
	void singleStarDoesNotCrossSlashesButDoubleStarDoes() {
		WampSecurityRules rules = WampSecurityRules.builder().call("one/*").denyAll().call("many/**").denyAll().build();
		assertThat(rules.isAllowed(this.user, Action.CALL, "one/x")).isFalse();
		assertThat(rules.isAllowed(this.user, Action.CALL, "one/x/y")).isTrue();
		assertThat(rules.isAllowed(this.user, Action.CALL, "many/x/y")).isFalse();
	}

	@Test
	void globsMatchFullUrisLiterally() {
		WampSecurityRules rules = WampSecurityRules.builder().call("http://example.com/calc#*").authenticated().build();
		assertThat(rules.isAllowed(this.anonymous, Action.CALL, "http://example.com/calc#add")).isFalse();
		assertThat(rules.isAllowed(this.anonymous, Action.CALL, "http://exampleXcom/calc#add")).isTrue();
	}

	@Test
	void unmatchedActionsFollowTheAnyOtherRule() {
		WampSecurityRules rules = WampSecurityRules.builder()
			.call("public/**")
			.permitAll()
			.anyOther()
			.authenticated()
			.build();
		assertThat(rules.isAllowed(this.anonymous, Action.CALL, "public/time")).isTrue();
		assertThat(rules.isAllowed(this.anonymous, Action.SUBSCRIBE, "chat/lobby")).isFalse();
		assertThat(rules.isAllowed(this.user, Action.SUBSCRIBE, "chat/lobby")).isTrue();
	}

	@Test
	void customManagerSeesTheActionAndUri() {
		WampSecurityRules rules = WampSecurityRules.builder()
			.any("rooms/**")
			.access((authentication, context) -> new AuthorizationDecision(
					context.uri().endsWith("/" + authentication.get().getName()) && context.action() != Action.PUBLISH))
			.build();
		assertThat(rules.isAllowed(this.user, Action.SUBSCRIBE, "rooms/user")).isTrue();
		assertThat(rules.isAllowed(this.user, Action.PUBLISH, "rooms/user")).isFalse();
		assertThat(rules.isAllowed(this.user, Action.SUBSCRIBE, "rooms/admin")).isFalse();
	}

	@Test
	void abstainingManagerRefuses() {
		WampSecurityRules rules = WampSecurityRules.builder()
			.call("x")
			.access((authentication, context) -> null)
			.build();
		assertThat(rules.isAllowed(this.admin, Action.CALL, "x")).isFalse();
	}

	@Test
	void ruleWithoutGlobIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> WampSecurityRules.builder().call());
	}

	private WampConnection connection(@Nullable Principal principal) {
		InMemoryTransport.Client client = this.transport.connect(InMemoryTransport.request(principal));
		return client.connection();
	}

}
