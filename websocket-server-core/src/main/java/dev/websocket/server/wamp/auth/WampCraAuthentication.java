package dev.websocket.server.wamp.auth;

import java.time.Duration;

import dev.websocket.server.engine.WampAuthorizer;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.middleware.Middleware;
import dev.websocket.server.wamp.WampConnection;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * WAMP-CRA for WAMP v1 clients, wire-compatible with AutobahnJS 0.8's
 * {@code session.authreq}, {@code authsign}, {@code auth} and {@code ab.deriveKey}, and
 * what authentication means for a connection. {@link #install} adds to a server:
 * <ul>
 * <li>the procedure {@value #AUTHREQ} {@code (authKey | null, extra | null)}: answers the
 * challenge, a JSON <em>text</em> (a string: AutobahnJS parses it) with {@code authid},
 * {@code authkey}, {@code timestamp}, {@code sessionid}, {@code extra},
 * {@code permissions} and for a salted secret {@code authextra {salt, keylen,
 * iterations}}; for an anonymous request it answers {@code null};</li>
 * <li>the procedure {@value #AUTH} {@code (signature | null)}: with the right signature,
 * {@code Base64(HMAC-SHA256(key, challenge))}, the connection is authenticated, its
 * principal becomes the user and the call answers the permissions. One try per challenge:
 * a wrong signature is answered after a random delay of at least the floor, and no new
 * challenge is issued meanwhile;</li>
 * <li>errors under {@value #ERROR_BASE}: {@code already-authenticated},
 * {@code authentication-already-requested}, {@code invalid-argument},
 * {@code anonymous-auth-forbidden}, {@code no-such-authkey},
 * {@code no-authentication-requested}, {@code invalid-signature};</li>
 * <li>with authentication {@linkplain Builder#required required}: a connection that has
 * not authenticated (with WAMP-CRA or at the handshake) may call only these two
 * procedures; other CALLs are answered not-authorized, SUBSCRIBE and PUBLISH are ignored,
 * and it is closed with 1008 after the {@linkplain Builder#timeout timeout}.</li>
 * </ul>
 */
public final class WampCraAuthentication {

	/** The challenge request procedure. */
	public static final String AUTHREQ = "http://api.wamp.ws/procedure#authreq";

	/** The signature procedure. */
	public static final String AUTH = "http://api.wamp.ws/procedure#auth";

	/** The base of the WAMP-CRA error URIs. */
	public static final String ERROR_BASE = "http://api.wamp.ws/error#";

	/** Order of the login-timeout layer: inside the handshake layers. */
	public static final int MIDDLEWARE_ORDER = Middleware.WEBSOCKET_ORDER + 500;

	private final @Nullable WampCraSecrets secrets;

	private final boolean required;

	private final Duration timeout;

	private final Duration failureDelay;

	private final Duration failureJitter;

	private final JsonMapper mapper;

	private final Scheduler timer;

	private WampCraAuthentication(Builder builder) {
		this.secrets = builder.secrets;
		this.required = builder.required;
		this.timeout = builder.timeout;
		this.failureDelay = builder.failureDelay;
		this.failureJitter = builder.failureJitter;
		this.mapper = (builder.mapper != null) ? builder.mapper : JsonMapper.builder().build();
		this.timer = Schedulers.parallel();
	}

	/** A builder: no secrets, authentication not required. */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Whether a connection has authenticated: with WAMP-CRA (anonymously included) or at
	 * the handshake (it has a principal).
	 * @param connection the connection
	 * @return whether it counts as authenticated
	 */
	public static boolean isAuthenticated(WampConnection connection) {
		return connection.principal() != null || CraState.isAuthenticated(connection);
	}

	/**
	 * Whether a URI is one of the WAMP-CRA procedures.
	 * @param uri a full procedure URI
	 * @return whether it is {@value #AUTHREQ} or {@value #AUTH}
	 */
	public static boolean isProcedure(String uri) {
		return AUTHREQ.equals(uri) || AUTH.equals(uri);
	}

	/**
	 * Adds WAMP-CRA to a server being built: the procedures (when secrets are given), an
	 * authorizer in front of the application's, and the login timeout (when
	 * authentication is required). Call it instead of
	 * {@link WampServer.Builder#authorizer}.
	 * @param server the builder
	 * @param authorizer the application's authorizer, consulted after authentication
	 * @return the builder
	 */
	public WampServer.Builder install(WampServer.Builder server, WampAuthorizer authorizer) {
		if (secrets != null) {
			CraProcedures procedures = new CraProcedures(secrets, mapper, failureDelay, failureJitter, timer);
			server.rpc(AUTHREQ, procedures::authreq);
			server.rpc(AUTH, procedures::auth);
		}
		server.authorizer(new AuthenticatingAuthorizer(authorizer, required));
		if (required && !timeout.isZero()) {
			server.middleware(new AuthTimeoutMiddleware(timeout, timer));
		}
		return server;
	}

	/** Configures {@link WampCraAuthentication}. */
	public static final class Builder {

		private @Nullable WampCraSecrets secrets;

		private boolean required;

		private Duration timeout = Duration.ofSeconds(30);

		private Duration failureDelay = Duration.ofSeconds(1);

		private Duration failureJitter = Duration.ofSeconds(1);

		private @Nullable JsonMapper mapper;

		private Builder() {
		}

		/**
		 * @param secrets the secrets per auth key; without them the procedures are not
		 * registered (only handshake principals authenticate)
		 * @return this builder
		 */
		public Builder secrets(@Nullable WampCraSecrets secrets) {
			this.secrets = secrets;
			return this;
		}

		/**
		 * @param required whether unauthenticated connections are restricted to the login
		 * procedures and closed after the timeout
		 * @return this builder
		 */
		public Builder required(boolean required) {
			this.required = required;
			return this;
		}

		/**
		 * @param timeout how long a connection may stay unauthenticated when
		 * authentication is required (default 30 s); zero: no limit
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = nonNegative(timeout, "timeout");
			return this;
		}

		/**
		 * @param floor the shortest wait before a wrong signature is answered (default 1
		 * s)
		 * @param jitter the most added to it at random (default 1 s)
		 * @return this builder
		 */
		public Builder failureDelay(Duration floor, Duration jitter) {
			this.failureDelay = nonNegative(floor, "failure delay");
			this.failureJitter = nonNegative(jitter, "failure jitter");
			return this;
		}

		/**
		 * @param mapper writes the challenge (the server's mapper, so the challenge
		 * encodes as its payloads do)
		 * @return this builder
		 */
		public Builder mapper(JsonMapper mapper) {
			this.mapper = mapper;
			return this;
		}

		/** The configured authentication. */
		public WampCraAuthentication build() {
			return new WampCraAuthentication(this);
		}

		private static Duration nonNegative(Duration value, String name) {
			if (value == null || value.isNegative()) {
				throw new IllegalArgumentException(name + " must not be negative but was " + value);
			}
			return value;
		}

	}

}
