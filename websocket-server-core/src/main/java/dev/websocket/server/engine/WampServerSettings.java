package dev.websocket.server.engine;

import java.time.Duration;

import dev.websocket.server.wamp.WampErrors;

/**
 * The engine's settings and limits; {@link #defaults()} gives the documented defaults.
 *
 * @param serverIdent sent in WELCOME
 * @param errors the error URIs the server answers with
 * @param excludePublisherByDefault whether a PUBLISH without a fourth element skips the publisher
 * @param maxPrefixes CURIE prefixes per connection; more are ignored
 * @param maxSubscriptions subscriptions per connection; more are ignored
 * @param maxInFlightCalls unanswered CALLs per connection; more are answered with a CALLERROR
 * @param maxUriLength longest URI or CURIE accepted; longer closes with 1007
 * @param maxMessageSize longest text message in characters; longer closes with 1009
 * @param outboundMaxMessages frames queued per connection
 * @param outboundMaxBytes bytes queued per connection
 * @param overflowPolicy what a full outbound queue does
 * @param pingInterval keep-alive ping period; zero turns pings off
 * @param maxUnansweredPings pings without a pong before the connection is closed with 1001
 * @param callTimeout how long a handler may take before the CALL is answered with a timeout error
 */
public record WampServerSettings(String serverIdent, WampErrors errors, boolean excludePublisherByDefault,
		int maxPrefixes, int maxSubscriptions, int maxInFlightCalls, int maxUriLength, int maxMessageSize,
		int outboundMaxMessages, long outboundMaxBytes, OverflowPolicy overflowPolicy, Duration pingInterval,
		int maxUnansweredPings, Duration callTimeout) {

	/** The default server ident. */
	public static final String DEFAULT_IDENT = "websocket-server/0.1";

	/** The documented defaults. */
	public static WampServerSettings defaults() {
		return new WampServerSettings(DEFAULT_IDENT, WampErrors.DEFAULT, false, 256, 1024, 128, 2048, 64 * 1024,
				1024, 1024 * 1024, OverflowPolicy.CLOSE, Duration.ofSeconds(30), 2, Duration.ofSeconds(60));
	}
}
