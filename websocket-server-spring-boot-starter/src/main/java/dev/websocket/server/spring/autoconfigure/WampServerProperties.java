package dev.websocket.server.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.websocket.server.engine.OverflowPolicy;
import dev.websocket.server.engine.WampServerSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the WAMP v1 endpoint, under {@code websocket.server}. Every limit has
 * a documented default; the engine's come from {@link WampServerSettings#defaults()}, so
 * they are written once. The class validates itself when it is bound (Boot runs a
 * properties class that is a {@link Validator}): the engine's limits by the engine's own
 * rules (mapping them onto a {@link WampServerSettings.Builder}), the endpoint's here. An
 * invalid value fails the start-up with a message naming the property. Jakarta
 * constraints with {@code @Validated} were not used: they are skipped silently when the
 * application has no Bean Validation provider, and would state the engine's bounds a
 * second time.
 */
@ConfigurationProperties("websocket.server")
public class WampServerProperties implements Validator {

	private static final WampServerSettings DEFAULTS = WampServerSettings.defaults();

	/**
	 * Whether to serve the WAMP endpoint.
	 */
	private boolean enabled = true;

	/**
	 * Path of the WebSocket endpoint.
	 */
	private String path = "/ws";

	/**
	 * Origins allowed to open a connection besides the server's own origin. A request
	 * without an Origin header (a non-browser client) is always allowed; "*" allows every
	 * origin.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/**
	 * Client addresses refused with HTTP 403: IPv4 or IPv6 literals or CIDR ranges.
	 */
	private List<String> blockedAddresses = new ArrayList<>();

	/**
	 * When not empty, only these client addresses (literals or CIDR ranges) may connect.
	 */
	private List<String> allowedAddresses = new ArrayList<>();

	/**
	 * Whether a handshake that offers none of the served subprotocols ("wamp", and
	 * "wamp.2.json" / "wamp.2.cbor" when enabled) is refused with HTTP 400.
	 */
	private boolean strictSubprotocol = true;

	/**
	 * Server identification sent in WELCOME.
	 */
	private String serverIdent = DEFAULTS.serverIdent();

	/**
	 * Prefix of the error URIs the server answers with (NoSuchRPCEndpoint, InternalError,
	 * ...).
	 */
	private String errorUriBase = DEFAULTS.errors().base();

	/**
	 * Whether a PUBLISH without a fourth element skips the publisher (WAMP v1 says it
	 * does not).
	 */
	private boolean excludePublisher = DEFAULTS.excludePublisherByDefault();

	/**
	 * Largest WebSocket frame payload accepted; a larger frame closes the connection with
	 * 1009.
	 */
	private DataSize maxFrameSize = DataSize.ofKilobytes(64);

	/**
	 * Largest message accepted (all frames of a fragmented message together); a larger
	 * one closes the connection with 1009.
	 */
	private DataSize maxMessageSize = DataSize.ofBytes(DEFAULTS.maxMessageSize());

	/**
	 * Longest URI or CURIE accepted in a message; a longer one closes the connection with
	 * 1007.
	 */
	private int maxUriLength = DEFAULTS.maxUriLength();

	/**
	 * How long a handler may take to answer a CALL before it is answered with a timeout
	 * error; 0 turns the timeout off.
	 */
	private Duration callTimeout = DEFAULTS.callTimeout();

	/**
	 * Longest time the server spends answering the upgrade request (resolving the
	 * principal and the web session, running the handshake layers and switching
	 * protocols); beyond it the request is answered with HTTP 503. Clients that have not
	 * yet sent their whole request are bounded by "request-head-timeout".
	 */
	private Duration handshakeTimeout = Duration.ofSeconds(10);

	/**
	 * Longest time an HTTP request head may take to arrive: from the accept for a
	 * connection's first request, from its first byte for later ones on a kept-alive
	 * connection. Past it the connection is answered with 408 and closed, so a socket
	 * that sends half a request and stalls, or drip-feeds it, cannot be held open.
	 * Applies to every HTTP/1.1 request of the server.
	 */
	private Duration requestHeadTimeout = Duration.ofSeconds(10);

	/**
	 * Whether WebSocket upgrade requests to the endpoint are part of WebFlux's HTTP
	 * server observation ("http.server.requests"). Off by default: that observation stays
	 * open until the socket closes, so it would time each connection's whole life and
	 * hold about 1.7 KiB of heap per open connection; the WAMP metrics count connections
	 * instead.
	 */
	private boolean observeHandshakes = false;

	/**
	 * Whether every CALL and every client PUBLISH is a Micrometer observation
	 * ("wamp.call", "wamp.publish"): with Boot's tracing a span per message, current
	 * while the handler runs, so its log lines carry the trace id. Off by default, as
	 * Spring's messaging projects keep their per-message observations: one costs about a
	 * tenth of the server's RPC throughput (Micrometer's handlers build tags, a timer
	 * sample and a long-task-timer entry per message), and without tracing it only
	 * repeats the "wamp.calls" timer of the metrics.
	 */
	private boolean observeMessages = false;

	/**
	 * Whether the handshake's Spring WebSession is resolved and exposed to handlers as
	 * the "session" connection attribute. Turn it off when no handler reads that
	 * attribute: each connection then saves the session object the session store creates
	 * for it (about half a KiB of heap per idle connection with the in-memory store).
	 */
	private boolean webSession = true;

	/**
	 * Closes a connection with 1001 when it has sent no message (text or binary) for this
	 * long. Pongs do not count. Unset by default: connections may stay silent (pure
	 * subscribers).
	 */
	private @Nullable Duration idleTimeout;

	/**
	 * Longest wait on shutdown for the connections' queued frames to be written before
	 * the server stops (each socket is also bounded by "close-timeout").
	 */
	private Duration shutdownGrace = Duration.ofSeconds(5);

	/**
	 * Longest wait, once a connection starts closing, for its queued frames and the close
	 * frame to be written; past it the socket is dropped (a peer that stopped reading
	 * cannot hold it open).
	 */
	private Duration closeTimeout = Duration.ofSeconds(5);

	private final KeepAlive keepAlive = new KeepAlive();

	private final Limits limits = new Limits();

	private final Outbound outbound = new Outbound();

	/**
	 * The protocol generations served and the WAMP v2 realms.
	 */
	@NestedConfigurationProperty
	private final WampProtocolProperties protocols = new WampProtocolProperties();

	public WampProtocolProperties getProtocols() {
		return this.protocols;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	public List<String> getBlockedAddresses() {
		return this.blockedAddresses;
	}

	public void setBlockedAddresses(List<String> blockedAddresses) {
		this.blockedAddresses = blockedAddresses;
	}

	public List<String> getAllowedAddresses() {
		return this.allowedAddresses;
	}

	public void setAllowedAddresses(List<String> allowedAddresses) {
		this.allowedAddresses = allowedAddresses;
	}

	public boolean isStrictSubprotocol() {
		return this.strictSubprotocol;
	}

	public void setStrictSubprotocol(boolean strictSubprotocol) {
		this.strictSubprotocol = strictSubprotocol;
	}

	public String getServerIdent() {
		return this.serverIdent;
	}

	public void setServerIdent(String serverIdent) {
		this.serverIdent = serverIdent;
	}

	public String getErrorUriBase() {
		return this.errorUriBase;
	}

	public void setErrorUriBase(String errorUriBase) {
		this.errorUriBase = errorUriBase;
	}

	public boolean isExcludePublisher() {
		return this.excludePublisher;
	}

	public void setExcludePublisher(boolean excludePublisher) {
		this.excludePublisher = excludePublisher;
	}

	public DataSize getMaxFrameSize() {
		return this.maxFrameSize;
	}

	public void setMaxFrameSize(DataSize maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public int getMaxUriLength() {
		return this.maxUriLength;
	}

	public void setMaxUriLength(int maxUriLength) {
		this.maxUriLength = maxUriLength;
	}

	public Duration getCallTimeout() {
		return this.callTimeout;
	}

	public void setCallTimeout(Duration callTimeout) {
		this.callTimeout = callTimeout;
	}

	public Duration getHandshakeTimeout() {
		return this.handshakeTimeout;
	}

	public void setHandshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = handshakeTimeout;
	}

	public boolean isObserveHandshakes() {
		return this.observeHandshakes;
	}

	public void setObserveHandshakes(boolean observeHandshakes) {
		this.observeHandshakes = observeHandshakes;
	}

	public boolean isObserveMessages() {
		return this.observeMessages;
	}

	public void setObserveMessages(boolean observeMessages) {
		this.observeMessages = observeMessages;
	}

	public boolean isWebSession() {
		return this.webSession;
	}

	public void setWebSession(boolean webSession) {
		this.webSession = webSession;
	}

	public @Nullable Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(@Nullable Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public Duration getShutdownGrace() {
		return this.shutdownGrace;
	}

	public void setShutdownGrace(Duration shutdownGrace) {
		this.shutdownGrace = shutdownGrace;
	}

	public Duration getRequestHeadTimeout() {
		return this.requestHeadTimeout;
	}

	public void setRequestHeadTimeout(Duration requestHeadTimeout) {
		this.requestHeadTimeout = requestHeadTimeout;
	}

	public Duration getCloseTimeout() {
		return this.closeTimeout;
	}

	public void setCloseTimeout(Duration closeTimeout) {
		this.closeTimeout = closeTimeout;
	}

	public KeepAlive getKeepAlive() {
		return this.keepAlive;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public Outbound getOutbound() {
		return this.outbound;
	}

	@Override
	public boolean supports(Class<?> type) {
		return WampServerProperties.class.isAssignableFrom(type);
	}

	/**
	 * Checks the endpoint's own properties here and the engine's by mapping them onto the
	 * engine's settings builder, whose setters hold the one copy of their bounds.
	 */
	@Override
	public void validate(Object target, Errors errors) {
		WampServerProperties properties = (WampServerProperties) target;
		if (!properties.path.startsWith("/")) {
			errors.reject("path", "websocket.server.path must start with '/': '" + properties.path + "'");
		}
		intSize(errors, "max-frame-size", properties.maxFrameSize);
		intSize(errors, "max-message-size", properties.maxMessageSize);
		positive(errors, "handshake-timeout", properties.handshakeTimeout);
		if (properties.idleTimeout != null) {
			positive(errors, "idle-timeout", properties.idleTimeout);
		}
		positive(errors, "request-head-timeout", properties.requestHeadTimeout);
		positive(errors, "close-timeout", properties.closeTimeout);
		notNegative(errors, "limits.max-connections-per-address", properties.limits.maxConnectionsPerAddress);
		notNegative(errors, "limits.max-handshakes-per-second-per-address",
				properties.limits.maxHandshakesPerSecondPerAddress);
		if (properties.shutdownGrace.isNegative()) {
			errors.reject("shutdown-grace",
					"websocket.server.shutdown-grace must not be negative: " + properties.shutdownGrace);
		}
		if (properties.limits.maxNumberDigits < 1) {
			errors.reject("limits.max-number-digits",
					"websocket.server.limits.max-number-digits must be positive: " + properties.limits.maxNumberDigits);
		}
		if (properties.limits.maxNumberExponent < 0) {
			errors.reject("limits.max-number-exponent",
					"websocket.server.limits.max-number-exponent must not be negative: "
							+ properties.limits.maxNumberExponent);
		}
		if (!errors.hasErrors()) {
			try {
				WampServerAutoConfiguration.settings(properties);
			}
			catch (InvalidPropertyException ex) {
				errors.reject(ex.property, ex.reason);
			}
		}
	}

	private static void positive(Errors errors, String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			errors.reject(name, "websocket.server." + name + " must be positive: " + value);
		}
	}

	private static void notNegative(Errors errors, String name, int value) {
		if (value < 0) {
			errors.reject(name, "websocket.server." + name + " must not be negative: " + value);
		}
	}

	private static void intSize(Errors errors, String name, DataSize value) {
		if (value.toBytes() <= 0 || value.toBytes() > Integer.MAX_VALUE) {
			errors.reject(name, "websocket.server." + name + " must be between 1B and 2GB: " + value);
		}
	}

	/** An engine setting that refused the value of the property mapped onto it. */
	static final class InvalidPropertyException extends IllegalArgumentException {

		private final String property;

		private final String reason;

		InvalidPropertyException(String property, IllegalArgumentException cause) {
			this(property, "websocket.server." + property + ": " + cause.getMessage(), cause);
		}

		private InvalidPropertyException(String property, String reason, IllegalArgumentException cause) {
			super(reason, cause);
			this.property = property;
			this.reason = reason;
		}

	}

	/** Keep-alive pings. */
	public static class KeepAlive {

		/**
		 * Interval between keep-alive pings; 0 turns pings off.
		 */
		private Duration pingInterval = DEFAULTS.pingInterval();

		/**
		 * Pings left unanswered before the connection is closed with 1001.
		 */
		private int maxUnansweredPings = DEFAULTS.maxUnansweredPings();

		public Duration getPingInterval() {
			return this.pingInterval;
		}

		public void setPingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
		}

		public int getMaxUnansweredPings() {
			return this.maxUnansweredPings;
		}

		public void setMaxUnansweredPings(int maxUnansweredPings) {
			this.maxUnansweredPings = maxUnansweredPings;
		}

	}

	/** Per-connection limits. */
	public static class Limits {

		/**
		 * Subscriptions per connection; further SUBSCRIBEs are ignored.
		 */
		private int maxSubscriptions = DEFAULTS.maxSubscriptions();

		/**
		 * CURIE prefixes per connection; further PREFIXes are ignored.
		 */
		private int maxPrefixes = DEFAULTS.maxPrefixes();

		/**
		 * Unanswered CALLs per connection; further CALLs are answered with a TooManyCalls
		 * error.
		 */
		private int maxInFlightCalls = DEFAULTS.maxInFlightCalls();

		/**
		 * WebSocket connections one client address may have open at once; further
		 * handshakes are refused with HTTP 429. 0 turns the limit off.
		 */
		private int maxConnectionsPerAddress = 0;

		/**
		 * Handshakes one client address may start per second; further ones are refused
		 * with HTTP 429. 0 turns the limit off.
		 */
		private int maxHandshakesPerSecondPerAddress = 0;

		/**
		 * Most significant digits of a number bound to a BigDecimal or BigInteger handler
		 * parameter; also the longest number literal a message may contain, in
		 * characters. Beyond: an InvalidArgument CALLERROR (a literal: close 1007).
		 */
		private int maxNumberDigits = 1000;

		/**
		 * Largest absolute decimal exponent of a number bound to a BigDecimal or
		 * BigInteger handler parameter (1.5e3 has exponent 3). Beyond: an InvalidArgument
		 * CALLERROR.
		 */
		private int maxNumberExponent = 1000;

		/**
		 * PUBLISHes per second one connection may send, sustained; beyond its budget a
		 * PUBLISH is refused per publish-policy and counted in wamp.messages.ignored
		 * (reason OVER_BUDGET). 0 turns the count limit off.
		 */
		private int publishRate = DEFAULTS.publishLimits().rate();

		/**
		 * PUBLISHes accepted at once from a connection that was quiet.
		 */
		private int publishBurst = DEFAULTS.publishLimits().burst();

		/**
		 * Characters of PUBLISH messages per second one connection may send, sustained. 0
		 * turns the size limit off.
		 */
		private DataSize publishBytesRate = DataSize.ofBytes(DEFAULTS.publishLimits().bytesRate());

		/**
		 * Characters of PUBLISH messages accepted at once; at least max-message-size, or
		 * a message that large never passes.
		 */
		private DataSize publishBytesBurst = DataSize.ofBytes(DEFAULTS.publishLimits().bytesBurst());

		/**
		 * What a PUBLISH over the publisher's budget does: drop it, or close the
		 * publisher (1008). The readers of the topic are never closed for it.
		 */
		private OverflowPolicy publishPolicy = DEFAULTS.publishLimits().policy();

		public int getMaxSubscriptions() {
			return this.maxSubscriptions;
		}

		public void setMaxSubscriptions(int maxSubscriptions) {
			this.maxSubscriptions = maxSubscriptions;
		}

		public int getMaxPrefixes() {
			return this.maxPrefixes;
		}

		public void setMaxPrefixes(int maxPrefixes) {
			this.maxPrefixes = maxPrefixes;
		}

		public int getMaxInFlightCalls() {
			return this.maxInFlightCalls;
		}

		public void setMaxInFlightCalls(int maxInFlightCalls) {
			this.maxInFlightCalls = maxInFlightCalls;
		}

		public int getMaxConnectionsPerAddress() {
			return this.maxConnectionsPerAddress;
		}

		public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
			this.maxConnectionsPerAddress = maxConnectionsPerAddress;
		}

		public int getMaxHandshakesPerSecondPerAddress() {
			return this.maxHandshakesPerSecondPerAddress;
		}

		public void setMaxHandshakesPerSecondPerAddress(int maxHandshakesPerSecondPerAddress) {
			this.maxHandshakesPerSecondPerAddress = maxHandshakesPerSecondPerAddress;
		}

		public int getPublishRate() {
			return this.publishRate;
		}

		public void setPublishRate(int publishRate) {
			this.publishRate = publishRate;
		}

		public int getPublishBurst() {
			return this.publishBurst;
		}

		public void setPublishBurst(int publishBurst) {
			this.publishBurst = publishBurst;
		}

		public DataSize getPublishBytesRate() {
			return this.publishBytesRate;
		}

		public void setPublishBytesRate(DataSize publishBytesRate) {
			this.publishBytesRate = publishBytesRate;
		}

		public DataSize getPublishBytesBurst() {
			return this.publishBytesBurst;
		}

		public void setPublishBytesBurst(DataSize publishBytesBurst) {
			this.publishBytesBurst = publishBytesBurst;
		}

		public OverflowPolicy getPublishPolicy() {
			return this.publishPolicy;
		}

		public void setPublishPolicy(OverflowPolicy publishPolicy) {
			this.publishPolicy = publishPolicy;
		}

		public int getMaxNumberDigits() {
			return this.maxNumberDigits;
		}

		public void setMaxNumberDigits(int maxNumberDigits) {
			this.maxNumberDigits = maxNumberDigits;
		}

		public int getMaxNumberExponent() {
			return this.maxNumberExponent;
		}

		public void setMaxNumberExponent(int maxNumberExponent) {
			this.maxNumberExponent = maxNumberExponent;
		}

	}

	/** The outbound queue of each connection. */
	public static class Outbound {

		/**
		 * Frames queued per connection before the overflow policy applies.
		 */
		private int maxMessages = DEFAULTS.outboundMaxMessages();

		/**
		 * Bytes queued per connection before the overflow policy applies.
		 */
		private DataSize maxBytes = DataSize.ofBytes(DEFAULTS.outboundMaxBytes());

		/**
		 * What a full outbound queue does: close the connection (1008) or drop the frame.
		 */
		private OverflowPolicy overflowPolicy = DEFAULTS.overflowPolicy();

		/**
		 * How full a connection's outbound queue may get, as a fraction of max-messages
		 * and max-bytes, before the server stops reading from that connection; reading
		 * resumes once the queue is down to half of that. A client that sends faster than
		 * it reads (pipelined CALLs) then waits instead of overflowing its own queue.
		 */
		private double pauseReadingAt = DEFAULTS.outboundPauseReadingAt();

		public int getMaxMessages() {
			return this.maxMessages;
		}

		public void setMaxMessages(int maxMessages) {
			this.maxMessages = maxMessages;
		}

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(DataSize maxBytes) {
			this.maxBytes = maxBytes;
		}

		public OverflowPolicy getOverflowPolicy() {
			return this.overflowPolicy;
		}

		public void setOverflowPolicy(OverflowPolicy overflowPolicy) {
			this.overflowPolicy = overflowPolicy;
		}

		public double getPauseReadingAt() {
			return this.pauseReadingAt;
		}

		public void setPauseReadingAt(double pauseReadingAt) {
			this.pauseReadingAt = pauseReadingAt;
		}

	}

}
