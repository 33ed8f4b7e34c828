package dev.websocket.server.engine;

import java.time.Duration;

import dev.websocket.server.wamp.WampErrors;

/**
 * Mutable copy of {@link WampServerSettings} for tests that change one or two values: the
 * engine's defaults, with keep-alive pings off.
 */
final class TestSettings {

	private static final WampServerSettings DEFAULTS = WampServerSettings.defaults();

	String serverIdent = DEFAULTS.serverIdent();

	WampErrors errors = DEFAULTS.errors();

	boolean excludePublisherByDefault = DEFAULTS.excludePublisherByDefault();

	int maxPrefixes = DEFAULTS.maxPrefixes();

	int maxSubscriptions = DEFAULTS.maxSubscriptions();

	int maxInFlightCalls = DEFAULTS.maxInFlightCalls();

	int maxUriLength = DEFAULTS.maxUriLength();

	int maxMessageSize = DEFAULTS.maxMessageSize();

	int outboundMaxMessages = DEFAULTS.outboundMaxMessages();

	long outboundMaxBytes = DEFAULTS.outboundMaxBytes();

	OverflowPolicy overflowPolicy = DEFAULTS.overflowPolicy();

	Duration pingInterval = Duration.ZERO;

	int maxUnansweredPings = DEFAULTS.maxUnansweredPings();

	Duration callTimeout = DEFAULTS.callTimeout();

	PublishLimits publishLimits = DEFAULTS.publishLimits();

	static TestSettings defaults() {
		return new TestSettings();
	}

	WampServerSettings build() {
		return WampServerSettings.builder()
			.serverIdent(serverIdent)
			.errors(errors)
			.excludePublisherByDefault(excludePublisherByDefault)
			.maxPrefixes(maxPrefixes)
			.maxSubscriptions(maxSubscriptions)
			.maxInFlightCalls(maxInFlightCalls)
			.maxUriLength(maxUriLength)
			.maxMessageSize(maxMessageSize)
			.outboundMaxMessages(outboundMaxMessages)
			.outboundMaxBytes(outboundMaxBytes)
			.overflowPolicy(overflowPolicy)
			.pingInterval(pingInterval)
			.maxUnansweredPings(maxUnansweredPings)
			.callTimeout(callTimeout)
			.publishLimits(publishLimits)
			.build();
	}

}
