package dev.websocket.server.wamp2.auth;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * How the router authenticates WAMP v2 sessions. It honours the HELLO's
 * {@code authmethods} in the client's order (none given means {@code anonymous}):
 * {@code anonymous} is accepted unless authentication is {@linkplain Builder#required
 * required}; {@code ticket} and {@code wampcra} go through the
 * {@linkplain Builder#authenticator authenticator} (they need the HELLO's
 * {@code authid}). A session whose handshake named a principal is welcomed as that user
 * (authmethod {@code transport}) whatever it offers. When no offered method is accepted
 * the HELLO is answered with ABORT {@code wamp.error.no_matching_auth_method}; a failed
 * login with ABORT {@code wamp.error.not_authorized} after the failure delay.
 */
public final class Wamp2Authentication {

	private static final Wamp2Authentication ANONYMOUS = builder().build();

	private final @Nullable Wamp2Authenticator authenticator;

	private final boolean required;

	private final Duration failureDelay;

	private final Duration failureJitter;

	private Wamp2Authentication(Builder builder) {
		this.authenticator = builder.authenticator;
		this.required = builder.required;
		this.failureDelay = builder.failureDelay;
		this.failureJitter = builder.failureJitter;
	}

	/** Anonymous and handshake logins only; the default. */
	public static Wamp2Authentication anonymous() {
		return ANONYMOUS;
	}

	/** A builder: no authenticator, anonymous allowed, 1 s delay plus up to 1 s. */
	public static Builder builder() {
		return new Builder();
	}

	/** The authenticator of ticket and wampcra logins, if any. */
	public @Nullable Wamp2Authenticator authenticator() {
		return authenticator;
	}

	/** Whether anonymous sessions are refused. */
	public boolean required() {
		return required;
	}

	/** The wait before a failed login is answered: the floor plus a random part. */
	public Duration nextFailureDelay() {
		long jitter = failureJitter.toNanos();
		long extra = (jitter > 0) ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0;
		return failureDelay.plusNanos(extra);
	}

	/** Configures {@link Wamp2Authentication}. */
	public static final class Builder {

		private @Nullable Wamp2Authenticator authenticator;

		private boolean required;

		private Duration failureDelay = Duration.ofSeconds(1);

		private Duration failureJitter = Duration.ofSeconds(1);

		private Builder() {
		}

		/**
		 * @param authenticator checks ticket and wampcra logins; without one only
		 * anonymous and handshake logins exist
		 * @return this builder
		 */
		public Builder authenticator(@Nullable Wamp2Authenticator authenticator) {
			this.authenticator = authenticator;
			return this;
		}

		/**
		 * @param required whether anonymous sessions are refused (ABORT
		 * {@code wamp.error.no_matching_auth_method})
		 * @return this builder
		 */
		public Builder required(boolean required) {
			this.required = required;
			return this;
		}

		/**
		 * @param floor the shortest wait before a failed login is answered (default 1 s)
		 * @param jitter the most added to it at random (default 1 s)
		 * @return this builder
		 */
		public Builder failureDelay(Duration floor, Duration jitter) {
			if (floor == null || floor.isNegative() || jitter == null || jitter.isNegative()) {
				throw new IllegalArgumentException(
						"failure delay and jitter must not be negative but were " + floor + " and " + jitter);
			}
			this.failureDelay = floor;
			this.failureJitter = jitter;
			return this;
		}

		/** The configured authentication. */
		public Wamp2Authentication build() {
			return new Wamp2Authentication(this);
		}

	}

}
