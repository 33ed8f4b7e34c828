package dev.websocket.server.wamp2.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.websocket.server.wamp.auth.WampCraSecret;
import dev.websocket.server.wamp.auth.WampCraSecrets;
import org.jspecify.annotations.Nullable;

/**
 * Checks the logins of WAMP v2 clients that offer {@value #TICKET} or {@value #WAMPCRA}
 * in HELLO ({@code authmethods}, with their {@code authid}): the router sends the
 * CHALLENGE, reads the AUTHENTICATE and asks this for the verdict. {@link #builder()}
 * holds tickets and secrets in memory and takes the v1 {@link WampCraSecrets} for
 * {@code wampcra}, so one user store serves both generations.
 *
 * <p>
 * Called on the connection's I/O thread: look-ups must not block (keep tickets' digests
 * and derived keys in memory).
 */
public interface Wamp2Authenticator {

	/** Ticket-based authentication: the client sends a ticket (a password, a token). */
	String TICKET = "ticket";

	/** WAMP-CRA: the client signs the router's challenge with a shared secret. */
	String WAMPCRA = "wampcra";

	/**
	 * The methods this authenticator performs: {@value #TICKET}, {@value #WAMPCRA}, or
	 * both.
	 */
	Set<String> authmethods();

	/**
	 * Whether a ticket is valid for an authid. Compare in constant time (as
	 * {@link #builder()}'s tickets are).
	 * @param authid the authid of the HELLO
	 * @param ticket the AUTHENTICATE's signature field
	 * @return whether the login succeeds
	 */
	default boolean verifyTicket(String authid, String ticket) {
		return false;
	}

	/**
	 * The WAMP-CRA secret of an authid: the challenge is signed with its key, and a
	 * salted one sends {@code salt}, {@code keylen} and {@code iterations} with the
	 * challenge.
	 * @param authid the authid of the HELLO
	 * @return its secret, or {@code null} for an unknown authid (the client is then
	 * challenged all the same and refused, so that authids cannot be probed)
	 */
	default @Nullable WampCraSecret wampcraSecret(String authid) {
		return null;
	}

	/**
	 * The authrole of a login; {@code user} by default.
	 * @param authid the authid
	 * @param authmethod {@value #TICKET} or {@value #WAMPCRA}
	 * @return the authrole announced in the challenge (wampcra) and WELCOME
	 */
	default String authrole(String authid, String authmethod) {
		return "user";
	}

	/** The authprovider announced; {@code static} by default. */
	default String authprovider() {
		return "static";
	}

	/**
	 * The session's principal after a successful login: the login itself by default.
	 * Return your own (a Spring Security {@code Authentication} with authorities, say) to
	 * give the user roles beyond the authrole.
	 * @param login who logged in, and how
	 * @return the principal, named after the authid
	 */
	default Principal principal(Wamp2Principal login) {
		return login;
	}

	/** An authenticator of tickets and secrets held in memory. */
	static Builder builder() {
		return new Builder();
	}

	/** Collects tickets, WAMP-CRA secrets and authroles. */
	final class Builder {

		private final Map<String, byte[]> tickets = new LinkedHashMap<>();

		private final Map<String, String> roles = new LinkedHashMap<>();

		private @Nullable WampCraSecrets secrets;

		private String defaultRole = "user";

		private String authprovider = "static";

		private Builder() {
		}

		/**
		 * @param authid the authid
		 * @param ticket its ticket (only its SHA-256 digest is kept)
		 * @return this builder
		 */
		public Builder ticket(String authid, String ticket) {
			tickets.put(authid, digest(ticket));
			return this;
		}

		/**
		 * @param secrets the WAMP-CRA secrets, the same bean v1 logins use (v1's
		 * anonymous setting does not apply to v2)
		 * @return this builder
		 */
		public Builder wampcra(@Nullable WampCraSecrets secrets) {
			this.secrets = secrets;
			return this;
		}

		/**
		 * @param authid the authid
		 * @param authrole its authrole
		 * @return this builder
		 */
		public Builder role(String authid, String authrole) {
			roles.put(authid, authrole);
			return this;
		}

		/**
		 * @param authrole the authrole of an authid without its own (default
		 * {@code user})
		 * @return this builder
		 */
		public Builder defaultRole(String authrole) {
			this.defaultRole = authrole;
			return this;
		}

		/**
		 * @param authprovider the authprovider announced (default {@code static})
		 * @return this builder
		 */
		public Builder authprovider(String authprovider) {
			this.authprovider = authprovider;
			return this;
		}

		/**
		 * The authenticator: {@code ticket} when tickets were given, {@code wampcra} with
		 * secrets.
		 */
		public Wamp2Authenticator build() {
			Map<String, byte[]> ticketDigests = Map.copyOf(tickets);
			Map<String, String> authroles = Map.copyOf(roles);
			WampCraSecrets craSecrets = secrets;
			String role = defaultRole;
			String provider = authprovider;
			Set<String> methods = new LinkedHashSet<>();
			if (!ticketDigests.isEmpty()) {
				methods.add(TICKET);
			}
			if (craSecrets != null) {
				methods.add(WAMPCRA);
			}
			Set<String> authmethods = Set.copyOf(methods);
			byte[] unknown = digest("\u0000no such authid");
			return new Wamp2Authenticator() {

				@Override
				public Set<String> authmethods() {
					return authmethods;
				}

				@Override
				public boolean verifyTicket(String authid, String ticket) {
					byte[] expected = ticketDigests.get(authid);
					// digests of equal length, compared in constant time; an unknown
					// authid costs the same
					boolean equal = MessageDigest.isEqual((expected != null) ? expected : unknown, digest(ticket));
					return expected != null && equal;
				}

				@Override
				public @Nullable WampCraSecret wampcraSecret(String authid) {
					return (craSecrets != null) ? craSecrets.secret(authid) : null;
				}

				@Override
				public String authrole(String authid, String authmethod) {
					return authroles.getOrDefault(authid, role);
				}

				@Override
				public String authprovider() {
					return provider;
				}

				@Override
				public String toString() {
					return "Wamp2Authenticator" + authmethods;
				}
			};
		}

		private static byte[] digest(String text) {
			try {
				return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("SHA-256 is not available", ex);
			}
		}

	}

}
