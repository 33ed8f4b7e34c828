package dev.websocket.server.engine;

import java.time.Duration;

import dev.websocket.server.wamp.WampErrors;

/** Mutable copy of {@link WampServerSettings} for tests that change one or two values. */
final class TestSettings {

	String serverIdent = WampServerSettings.DEFAULT_IDENT;

	WampErrors errors = WampErrors.DEFAULT;

	boolean excludePublisherByDefault;

	int maxPrefixes = 256;

	int maxSubscriptions = 1024;

	int maxInFlightCalls = 128;

	int maxUriLength = 2048;

	int maxMessageSize = 64 * 1024;

	int outboundMaxMessages = 1024;

	long outboundMaxBytes = 1024 * 1024;

	OverflowPolicy overflowPolicy = OverflowPolicy.CLOSE;

	Duration pingInterval = Duration.ZERO;

	int maxUnansweredPings = 2;

	Duration callTimeout = Duration.ofSeconds(60);

	static TestSettings defaults() {
		return new TestSettings();
	}

	WampServerSettings build() {
		return new WampServerSettings(serverIdent, errors, excludePublisherByDefault, maxPrefixes, maxSubscriptions,
				maxInFlightCalls, maxUriLength, maxMessageSize, outboundMaxMessages, outboundMaxBytes, overflowPolicy,
				pingInterval, maxUnansweredPings, callTimeout);
	}

}
