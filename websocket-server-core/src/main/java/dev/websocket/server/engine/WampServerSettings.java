package dev.websocket.server.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.websocket.server.wamp.WampErrors;
import org.jspecify.annotations.Nullable;

/**
 * The engine's settings and limits, immutable. {@link #builder()} starts from the
 * documented defaults, which are written once, in the {@link Builder}'s fields; each
 * setter of the builder checks its value, so every way of configuring the server (code,
 * the starter's properties) is validated by the same rule, once.
 * <p>
 * To add a setting: a field and an accessor here, a field with its default and a checking
 * setter in the {@link Builder}, one line in the constructor and in {@link #toBuilder()}.
 */
public final class WampServerSettings {

	/** The default server ident. */
	public static final String DEFAULT_IDENT = "websocket-server/0.1";

	private static final WampServerSettings DEFAULTS = new Builder().build();

	private final String serverIdent;

	private final WampErrors errors;

	private final boolean excludePublisherByDefault;

	private final int maxPrefixes;

	private final int maxSubscriptions;

	private final int maxInFlightCalls;

	private final int maxUriLength;

	private final int maxMessageSize;

	private final int outboundMaxMessages;

	private final long outboundMaxBytes;

	private final double outboundPauseReadingAt;

	private final OverflowPolicy overflowPolicy;

	private final Duration pingInterval;

	private final int maxUnansweredPings;

	private final Duration callTimeout;

	private final PublishLimits publishLimits;

	private WampServerSettings(Builder builder) {
		this.serverIdent = builder.serverIdent;
		this.errors = builder.errors;
		this.excludePublisherByDefault = builder.excludePublisherByDefault;
		this.maxPrefixes = builder.maxPrefixes;
		this.maxSubscriptions = builder.maxSubscriptions;
		this.maxInFlightCalls = builder.maxInFlightCalls;
		this.maxUriLength = builder.maxUriLength;
		this.maxMessageSize = builder.maxMessageSize;
		this.outboundMaxMessages = builder.outboundMaxMessages;
		this.outboundMaxBytes = builder.outboundMaxBytes;
		this.outboundPauseReadingAt = builder.outboundPauseReadingAt;
		this.overflowPolicy = builder.overflowPolicy;
		this.pingInterval = builder.pingInterval;
		this.maxUnansweredPings = builder.maxUnansweredPings;
		this.callTimeout = builder.callTimeout;
		this.publishLimits = builder.publishLimits;
	}

	/**
	 * The documented defaults.
	 * @return the settings a fresh {@link #builder()} builds
	 */
	public static WampServerSettings defaults() {
		return DEFAULTS;
	}

	/**
	 * Starts from the documented defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts from these settings, to change a few.
	 * @return a new builder holding these values
	 */
	public Builder toBuilder() {
		return new Builder().serverIdent(serverIdent)
			.errors(errors)
			.excludePublisherByDefault(excludePublisherByDefault)
			.maxPrefixes(maxPrefixes)
			.maxSubscriptions(maxSubscriptions)
			.maxInFlightCalls(maxInFlightCalls)
			.maxUriLength(maxUriLength)
			.maxMessageSize(maxMessageSize)
			.outboundMaxMessages(outboundMaxMessages)
			.outboundMaxBytes(outboundMaxBytes)
			.outboundPauseReadingAt(outboundPauseReadingAt)
			.overflowPolicy(overflowPolicy)
			.pingInterval(pingInterval)
			.maxUnansweredPings(maxUnansweredPings)
			.callTimeout(callTimeout)
			.publishLimits(publishLimits);
	}

	/** Sent in WELCOME. */
	public String serverIdent() {
		return serverIdent;
	}

	/** The error URIs the server answers with. */
	public WampErrors errors() {
		return errors;
	}

	/** Whether a PUBLISH without a fourth element skips the publisher. */
	public boolean excludePublisherByDefault() {
		return excludePublisherByDefault;
	}

	/** CURIE prefixes per connection; more are ignored. */
	public int maxPrefixes() {
		return maxPrefixes;
	}

	/** Subscriptions per connection; more are ignored. */
	public int maxSubscriptions() {
		return maxSubscriptions;
	}

	/** Unanswered CALLs per connection; more are answered with a CALLERROR. */
	public int maxInFlightCalls() {
		return maxInFlightCalls;
	}

	/**
	 * Longest URI or CURIE accepted, also once a CURIE is expanded; longer closes with
	 * 1007.
	 */
	public int maxUriLength() {
		return maxUriLength;
	}

	/** Longest text message in characters; longer closes with 1009. */
	public int maxMessageSize() {
		return maxMessageSize;
	}

	/** Frames queued per connection. */
	public int outboundMaxMessages() {
		return outboundMaxMessages;
	}

	/** Bytes queued per connection. */
	public long outboundMaxBytes() {
		return outboundMaxBytes;
	}

	/**
	 * How full a connection's outbound queue may get, as a fraction of both of its
	 * bounds, before the transport stops reading from that connection; reading resumes
	 * once the queue is down to half of that. A client that sends faster than it reads
	 * waits instead of overflowing its own queue.
	 */
	public double outboundPauseReadingAt() {
		return outboundPauseReadingAt;
	}

	/** What a full outbound queue does. */
	public OverflowPolicy overflowPolicy() {
		return overflowPolicy;
	}

	/** Keep-alive ping period; zero turns pings off. */
	public Duration pingInterval() {
		return pingInterval;
	}

	/** Pings without a pong before the connection is closed with 1001. */
	public int maxUnansweredPings() {
		return maxUnansweredPings;
	}

	/**
	 * How long a handler may take before the CALL is answered with a timeout error; zero
	 * turns the timeout off.
	 */
	public Duration callTimeout() {
		return callTimeout;
	}

	/** The PUBLISH budget of each connection. */
	public PublishLimits publishLimits() {
		return publishLimits;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof WampServerSettings settings && values().equals(settings.values()));
	}

	@Override
	public int hashCode() {
		return values().hashCode();
	}

	@Override
	public String toString() {
		return "WampServerSettings" + values();
	}

	// one list of every value keeps equals, hashCode and toString in step when a setting
	// is
	// added
	private List<Object> values() {
		return List.of(serverIdent, errors, excludePublisherByDefault, maxPrefixes, maxSubscriptions, maxInFlightCalls,
				maxUriLength, maxMessageSize, outboundMaxMessages, outboundMaxBytes, outboundPauseReadingAt,
				overflowPolicy, pingInterval, maxUnansweredPings, callTimeout, publishLimits);
	}

	/**
	 * Builds {@link WampServerSettings}. Its fields hold the documented defaults; each
	 * setter throws {@link IllegalArgumentException} naming the setting when the value is
	 * out of range.
	 */
	public static final class Builder {

		private String serverIdent = DEFAULT_IDENT;

		private WampErrors errors = WampErrors.DEFAULT;

		private boolean excludePublisherByDefault = false;

		private int maxPrefixes = 256;

		private int maxSubscriptions = 1024;

		private int maxInFlightCalls = 128;

		private int maxUriLength = 2048;

		private int maxMessageSize = 64 * 1024;

		private int outboundMaxMessages = 1024;

		private long outboundMaxBytes = 1024 * 1024;

		private double outboundPauseReadingAt = 0.5;

		private OverflowPolicy overflowPolicy = OverflowPolicy.CLOSE;

		private Duration pingInterval = Duration.ofSeconds(30);

		private int maxUnansweredPings = 2;

		private Duration callTimeout = Duration.ofSeconds(60);

		private PublishLimits publishLimits = PublishLimits.DEFAULT;

		private Builder() {
		}

		/**
		 * @param serverIdent sent in WELCOME
		 * @return this builder
		 */
		public Builder serverIdent(String serverIdent) {
			this.serverIdent = Objects.requireNonNull(serverIdent, "serverIdent");
			return this;
		}

		/**
		 * @param errors the error URIs the server answers with; their base not blank
		 * @return this builder
		 */
		public Builder errors(WampErrors errors) {
			if (errors.base().isBlank()) {
				throw new IllegalArgumentException("errors must have a base that is not blank");
			}
			this.errors = errors;
			return this;
		}

		/**
		 * @param excludePublisherByDefault whether a PUBLISH without a fourth element
		 * skips the publisher
		 * @return this builder
		 */
		public Builder excludePublisherByDefault(boolean excludePublisherByDefault) {
			this.excludePublisherByDefault = excludePublisherByDefault;
			return this;
		}

		/**
		 * @param maxPrefixes CURIE prefixes per connection, at least 0
		 * @return this builder
		 */
		public Builder maxPrefixes(int maxPrefixes) {
			this.maxPrefixes = atLeast(maxPrefixes, 0, "maxPrefixes");
			return this;
		}

		/**
		 * @param maxSubscriptions subscriptions per connection, at least 0
		 * @return this builder
		 */
		public Builder maxSubscriptions(int maxSubscriptions) {
			this.maxSubscriptions = atLeast(maxSubscriptions, 0, "maxSubscriptions");
			return this;
		}

		/**
		 * @param maxInFlightCalls unanswered CALLs per connection, at least 1
		 * @return this builder
		 */
		public Builder maxInFlightCalls(int maxInFlightCalls) {
			this.maxInFlightCalls = atLeast(maxInFlightCalls, 1, "maxInFlightCalls");
			return this;
		}

		/**
		 * @param maxUriLength longest URI or CURIE accepted, at least 1
		 * @return this builder
		 */
		public Builder maxUriLength(int maxUriLength) {
			this.maxUriLength = atLeast(maxUriLength, 1, "maxUriLength");
			return this;
		}

		/**
		 * @param maxMessageSize longest text message in characters, at least 1
		 * @return this builder
		 */
		public Builder maxMessageSize(int maxMessageSize) {
			this.maxMessageSize = atLeast(maxMessageSize, 1, "maxMessageSize");
			return this;
		}

		/**
		 * @param outboundMaxMessages frames queued per connection, at least 1
		 * @return this builder
		 */
		public Builder outboundMaxMessages(int outboundMaxMessages) {
			this.outboundMaxMessages = atLeast(outboundMaxMessages, 1, "outboundMaxMessages");
			return this;
		}

		/**
		 * @param outboundMaxBytes bytes queued per connection, at least 1
		 * @return this builder
		 */
		public Builder outboundMaxBytes(long outboundMaxBytes) {
			if (outboundMaxBytes < 1) {
				throw new IllegalArgumentException("outboundMaxBytes must be at least 1 but was " + outboundMaxBytes);
			}
			this.outboundMaxBytes = outboundMaxBytes;
			return this;
		}

		/**
		 * @param outboundPauseReadingAt the fraction of the outbound bounds at which
		 * reading from the connection stops, above 0 and at most 1
		 * @return this builder
		 */
		public Builder outboundPauseReadingAt(double outboundPauseReadingAt) {
			if (!(outboundPauseReadingAt > 0 && outboundPauseReadingAt <= 1)) {
				throw new IllegalArgumentException(
						"outboundPauseReadingAt must be above 0 and at most 1 but was " + outboundPauseReadingAt);
			}
			this.outboundPauseReadingAt = outboundPauseReadingAt;
			return this;
		}

		/**
		 * @param overflowPolicy what a full outbound queue does
		 * @return this builder
		 */
		public Builder overflowPolicy(OverflowPolicy overflowPolicy) {
			this.overflowPolicy = Objects.requireNonNull(overflowPolicy, "overflowPolicy");
			return this;
		}

		/**
		 * @param pingInterval keep-alive ping period, not negative; zero turns pings off
		 * @return this builder
		 */
		public Builder pingInterval(Duration pingInterval) {
			this.pingInterval = notNegative(pingInterval, "pingInterval");
			return this;
		}

		/**
		 * @param maxUnansweredPings pings without a pong before the connection is closed,
		 * at least 1
		 * @return this builder
		 */
		public Builder maxUnansweredPings(int maxUnansweredPings) {
			this.maxUnansweredPings = atLeast(maxUnansweredPings, 1, "maxUnansweredPings");
			return this;
		}

		/**
		 * @param callTimeout how long a handler may take to answer a CALL, not negative;
		 * zero turns the timeout off
		 * @return this builder
		 */
		public Builder callTimeout(Duration callTimeout) {
			this.callTimeout = notNegative(callTimeout, "callTimeout");
			return this;
		}

		/**
		 * @param publishLimits the PUBLISH budget of each connection;
		 * {@link PublishLimits#UNLIMITED} turns it off
		 * @return this builder
		 */
		public Builder publishLimits(PublishLimits publishLimits) {
			this.publishLimits = Objects.requireNonNull(publishLimits, "publishLimits");
			return this;
		}

		/**
		 * @return the settings
		 */
		public WampServerSettings build() {
			return new WampServerSettings(this);
		}

		private static int atLeast(int value, int minimum, String name) {
			if (value < minimum) {
				throw new IllegalArgumentException(name + " must be at least " + minimum + " but was " + value);
			}
			return value;
		}

		private static Duration notNegative(Duration value, String name) {
			if (value.isNegative()) {
				throw new IllegalArgumentException(name + " must not be negative but was " + value);
			}
			return value;
		}

	}

}
