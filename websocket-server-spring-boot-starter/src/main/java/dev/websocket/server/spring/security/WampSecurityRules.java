package dev.websocket.server.spring.security;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.websocket.server.engine.Action;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp2.auth.Wamp2Principal;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Who may call, subscribe to and publish to which URIs, decided by Spring Security
 * {@link AuthorizationManager}s against the connection's principal (the handshake's
 * {@link Authentication}; an anonymous token when there is none). Define a bean of this
 * type and the starter enforces it:
 *
 * <pre class="code">
 * &#64;Bean
 * WampSecurityRules wampSecurityRules() {
 *     return WampSecurityRules.builder()
 *         .call("admin/**").hasRole("ADMIN")
 *         .subscribe("private/**").authenticated()
 *         .publish("announcements").denyAll()
 *         .anyOther().permitAll()
 *         .build();
 * }
 * </pre>
 *
 * <p>
 * URIs are matched as globs: {@code *} matches any characters except {@code /},
 * {@code **} any characters. Rules are tried in declaration order and the first whose
 * action and glob match decides. Without a matching rule, the {@link Builder#anyOther()
 * anyOther()} rule decides; it permits all unless set. Without any rules (no bean),
 * everything is permitted.
 */
public final class WampSecurityRules {

	private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("wamp", "anonymousUser",
			AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private final List<Rule> rules;

	private final AuthorizationManager<WampAuthorizationContext> otherwise;

	private WampSecurityRules(List<Rule> rules, AuthorizationManager<WampAuthorizationContext> otherwise) {
		this.rules = List.copyOf(rules);
		this.otherwise = otherwise;
	}

	/** A builder without rules, which permits everything until rules are added. */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Decides one action.
	 * @param connection the client
	 * @param action what it asks to do
	 * @param uri the full URI
	 * @return whether it is allowed
	 */
	public boolean isAllowed(WampConnection connection, Action action, String uri) {
		WampAuthorizationContext context = new WampAuthorizationContext(connection, action, uri);
		AuthorizationManager<WampAuthorizationContext> manager = this.otherwise;
		for (Rule rule : this.rules) {
			if (rule.matches(action, uri)) {
				manager = rule.manager();
				break;
			}
		}
		Principal principal = connection.principal();
		Supplier<Authentication> authentication = () -> authentication(principal);
		AuthorizationResult result = manager.authorize(authentication, context);
		return result != null && result.isGranted();
	}

	private static Authentication authentication(@Nullable Principal principal) {
		if (principal instanceof Authentication authentication) {
			return authentication;
		}
		if (principal instanceof Wamp2Principal login) {
			// a WAMP v2 login's authrole is its role: hasRole(authrole) holds
			return UsernamePasswordAuthenticationToken.authenticated(principal, null,
					AuthorityUtils.createAuthorityList("ROLE_" + login.authrole()));
		}
		if (principal != null) {
			return UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of());
		}
		return ANONYMOUS;
	}

	@Override
	public String toString() {
		return "WampSecurityRules " + this.rules;
	}

	private record Rule(Set<Action> actions, List<UriGlob> globs,
			AuthorizationManager<WampAuthorizationContext> manager) {

		boolean matches(Action action, String uri) {
			if (!this.actions.contains(action)) {
				return false;
			}
			for (UriGlob glob : this.globs) {
				if (glob.matches(uri)) {
					return true;
				}
			}
			return false;
		}

		@Override
		public String toString() {
			return this.actions + " " + this.globs + " -> " + this.manager;
		}
	}

	/**
	 * Collects rules in order; each rule starts with the action and URI globs it applies
	 * to.
	 */
	public static final class Builder {

		private final List<Rule> rules = new ArrayList<>();

		private AuthorizationManager<WampAuthorizationContext> otherwise = (authentication,
				context) -> new AuthorizationDecision(true);

		private Builder() {
		}

		/**
		 * A rule for CALLs to procedures matching any of the globs. @param uriGlobs the
		 * globs @return the rule
		 */
		public RuleBuilder call(String... uriGlobs) {
			return new RuleBuilder(this, EnumSet.of(Action.CALL), uriGlobs);
		}

		/**
		 * A rule for SUBSCRIBEs to topics matching any of the globs. @param uriGlobs the
		 * globs @return the rule
		 */
		public RuleBuilder subscribe(String... uriGlobs) {
			return new RuleBuilder(this, EnumSet.of(Action.SUBSCRIBE), uriGlobs);
		}

		/**
		 * A rule for PUBLISHes to topics matching any of the globs. @param uriGlobs the
		 * globs @return the rule
		 */
		public RuleBuilder publish(String... uriGlobs) {
			return new RuleBuilder(this, EnumSet.of(Action.PUBLISH), uriGlobs);
		}

		/**
		 * A rule for every action on URIs matching any of the globs. @param uriGlobs the
		 * globs @return the rule
		 */
		public RuleBuilder any(String... uriGlobs) {
			return new RuleBuilder(this, EnumSet.allOf(Action.class), uriGlobs);
		}

		/**
		 * The rule for what no other rule matches (permit all unless set). @return the
		 * rule
		 */
		public RuleBuilder anyOther() {
			return new RuleBuilder(this, null, new String[0]);
		}

		/** The rules, in the order they were declared. */
		public WampSecurityRules build() {
			return new WampSecurityRules(this.rules, this.otherwise);
		}

	}

	/** Completes a rule with the authorization it requires. */
	public static final class RuleBuilder {

		private final Builder builder;

		private final @Nullable Set<Action> actions;

		private final List<UriGlob> globs;

		private RuleBuilder(Builder builder, @Nullable Set<Action> actions, String[] uriGlobs) {
			if (actions != null && uriGlobs.length == 0) {
				throw new IllegalArgumentException("A rule needs at least one URI glob");
			}
			this.builder = builder;
			this.actions = actions;
			this.globs = Arrays.stream(uriGlobs).map(UriGlob::of).toList();
		}

		/**
		 * Requires the role ({@code ROLE_} is prepended). @param role the role @return
		 * the builder
		 */
		public Builder hasRole(String role) {
			return access(AuthorityAuthorizationManager.hasRole(role));
		}

		/** Requires one of the roles. @param roles the roles @return the builder */
		public Builder hasAnyRole(String... roles) {
			return access(AuthorityAuthorizationManager.hasAnyRole(roles));
		}

		/** Requires the authority. @param authority the authority @return the builder */
		public Builder hasAuthority(String authority) {
			return access(AuthorityAuthorizationManager.hasAuthority(authority));
		}

		/**
		 * Requires one of the authorities. @param authorities the authorities @return the
		 * builder
		 */
		public Builder hasAnyAuthority(String... authorities) {
			return access(AuthorityAuthorizationManager.hasAnyAuthority(authorities));
		}

		/** Requires an authenticated (not anonymous) user. @return the builder */
		public Builder authenticated() {
			return access(AuthenticatedAuthorizationManager.authenticated());
		}

		/** Allows everyone, anonymous included. @return the builder */
		public Builder permitAll() {
			return access((authentication, context) -> new AuthorizationDecision(true));
		}

		/** Refuses everyone. @return the builder */
		public Builder denyAll() {
			return access((authentication, context) -> new AuthorizationDecision(false));
		}

		/**
		 * Decides with any authorization manager; an abstaining ({@code null}) result
		 * refuses.
		 * @param manager the manager
		 * @return the builder
		 */
		public Builder access(AuthorizationManager<WampAuthorizationContext> manager) {
			if (this.actions == null) {
				this.builder.otherwise = manager;
			}
			else {
				this.builder.rules.add(new Rule(this.actions, this.globs, manager));
			}
			return this.builder;
		}

	}

}
