package dev.websocket.server.engine;

import java.time.Duration;

import dev.websocket.server.wamp.WampErrors;

/**
 * The engine's settings and limits; {@link #defaults()} gives the documented defaults.
 *
 * @param serverIdent sent in WELCOME
 * @param errors the error URIs the server answers with
 * @param excludePublisherByDefault whether a PUBLISH without a fourth element skips the
 * publisher
 * @param maxPrefixes CURIE prefixes per connection; more are ignored
 * @param maxSubscriptions subscriptions per connection; more are ignored
 * @param maxInFlightCalls unanswered CALLs per connection; more are answered with a
 * CALLERROR
 * @param maxUriLength longest URI or CURIE accepted, also once a CURIE is expanded;
 * longer closes with 1007
 * @param maxMessageSize longest text message in characters; longer closes with 1009
 * @param outboundMaxMessages frames queued per connection
 * @param outboundMaxBytes bytes queued per connection
 * @param overflowPolicy what a full outbound queue does
 * @param pingInterval keep-alive ping period; zero turns pings off
 * @param maxUnansweredPings pings without a pong before the connection is closed with
 * 1001
 * @param callTimeout how long a handler may take before the CALL is answered with a
 * timeout error; zero turns the timeout off
 * @throws IllegalArgumentException when a limit is out of range
 */
public record WampServerSettings(String serverIdent, WampErrors errors, boolean excludePublisherByDefault,
		int maxPrefixes, int maxSubscriptions, int maxInFlightCalls, int maxUriLength, int maxMessageSize,
		int outboundMaxMessages, long outboundMaxBytes, OverflowPolicy overflowPolicy, Duration pingInterval,
		int maxUnansweredPings, Duration callTimeout) {

	public WampServerSettings {
		requireNonNull(serverIdent, "serverIdent");
		requireNonNull(errors, "errors");
		requireNonNull(overflowPolicy, "overflowPolicy");
		requireNonNull(pingInterval, "pingInterval");
		requireNonNull(callTimeout, "callTimeout");
		atLeast(maxPrefixes, 0, "maxPrefixes");
		atLeast(maxSubscriptions, 0, "maxSubscriptions");
		atLeast(maxInFlightCalls, 1, "maxInFlightCalls");
		atLeast(maxUriLength, 1, "maxUriLength");
		atLeast(maxMessageSize, 1, "maxMessageSize");
		atLeast(outboundMaxMessages, 1, "outboundMaxMessages");
		if (outboundMaxBytes < 1) {
			throw new IllegalArgumentException("outboundMaxBytes must be at least 1 but was " + outboundMaxBytes);
		}
		atLeast(maxUnansweredPings, 1, "maxUnansweredPings");
		if (pingInterval.isNegative()) {
			throw new IllegalArgumentException("pingInterval must not be negative but was " + pingInterval);
		}
		if (callTimeout.isNegative()) {
			throw new IllegalArgumentException("callTimeout must not be negative but was " + callTimeout);
		}
	}

	private static void requireNonNull(Object value, String name) {
		if (value == null) {
			throw new IllegalArgumentException(name + " must not be null");
		}
	}

	private static void atLeast(int value, int minimum, String name) {
		if (value < minimum) {
			throw new IllegalArgumentException(name + " must be at least " + minimum + " but was " + value);
		}
	}

	/** The default server ident. */
	public static final String DEFAULT_IDENT = "websocket-server/0.1";

	/** The documented defaults. */
	public static WampServerSettings defaults() {
		return new WampServerSettings(DEFAULT_IDENT, WampErrors.DEFAULT, false, 256, 1024, 128, 2048, 64 * 1024, 1024,
				1024 * 1024, OverflowPolicy.CLOSE, Duration.ofSeconds(30), 2, Duration.ofSeconds(60));
	}
}
