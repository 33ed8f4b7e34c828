package dev.websocket.server.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.websocket.server.engine.OverflowPolicy;
import dev.websocket.server.engine.WampServerSettings;
import dev.websocket.server.wamp.WampErrors;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the WAMP v1 endpoint, under {@code websocket.server}. Every limit has
 * a documented default; invalid values (zero or negative sizes, an empty path) fail the
 * start-up with a message naming the property.
 */
@ConfigurationProperties("websocket.server")
public class WampServerProperties {

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
	 * Whether a handshake that does not offer the "wamp" subprotocol is refused with HTTP
	 * 400.
	 */
	private boolean strictSubprotocol = true;

	/**
	 * Server identification sent in WELCOME.
	 */
	private String serverIdent = WampServerSettings.DEFAULT_IDENT;

	/**
	 * Prefix of the error URIs the server answers with (NoSuchRPCEndpoint, InternalError,
	 * ...).
	 */
	private String errorUriBase = WampErrors.DEFAULT_BASE;

	/**
	 * Whether a PUBLISH without a fourth element skips the publisher (WAMP v1 says it
	 * does not).
	 */
	private boolean excludePublisher = false;

	/**
	 * Largest WebSocket frame payload accepted; a larger frame closes the connection with
	 * 1009.
	 */
	private DataSize maxFrameSize = DataSize.ofKilobytes(64);

	/**
	 * Largest message accepted (all frames of a fragmented message together); a larger
	 * one closes the connection with 1009.
	 */
	private DataSize maxMessageSize = DataSize.ofKilobytes(64);

	/**
	 * Longest URI or CURIE accepted in a message; a longer one closes the connection with
	 * 1007.
	 */
	private int maxUriLength = 2048;

	/**
	 * How long a handler may take to answer a CALL before it is answered with a timeout
	 * error.
	 */
	private Duration callTimeout = Duration.ofSeconds(60);

	/**
	 * Longest time the server spends answering the upgrade request (resolving the
	 * principal and the web session, running the handshake layers and switching
	 * protocols); beyond it the request is answered with HTTP 503. Slow clients that have
	 * not yet sent their request are bounded by Reactor Netty's own
	 * "server.netty.connection-timeout" and "idle-timeout".
	 */
	private Duration handshakeTimeout = Duration.ofSeconds(10);

	/**
	 * Whether WebSocket upgrade requests to the endpoint are part of WebFlux's HTTP
	 * server observation ("http.server.requests"). Off by default: that observation stays
	 * open until the socket closes, so it would time each connection's whole life and
	 * hold about 1.7 KiB of heap per open connection; the WAMP metrics count connections
	 * instead.
	 */
	private boolean observeHandshakes = false;

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
	 * Longest wait for a closing connection's queued frames to be written: on shutdown,
	 * before every connection is closed with 1001, and when one connection closes, before
	 * its socket is dropped (a peer that stopped reading cannot hold it open).
	 */
	private Duration shutdownGrace = Duration.ofSeconds(5);

	private final KeepAlive keepAlive = new KeepAlive();

	private final Limits limits = new Limits();

	private final Outbound outbound = new Outbound();

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
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException("path must start with '/': '" + path + "'");
		}
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
		if (errorUriBase.isBlank()) {
			throw new IllegalArgumentException("error-uri-base must not be blank");
		}
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
		this.maxFrameSize = intSize("max-frame-size", maxFrameSize);
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = intSize("max-message-size", maxMessageSize);
	}

	public int getMaxUriLength() {
		return this.maxUriLength;
	}

	public void setMaxUriLength(int maxUriLength) {
		this.maxUriLength = positive("max-uri-length", maxUriLength);
	}

	public Duration getCallTimeout() {
		return this.callTimeout;
	}

	public void setCallTimeout(Duration callTimeout) {
		this.callTimeout = positive("call-timeout", callTimeout);
	}

	public Duration getHandshakeTimeout() {
		return this.handshakeTimeout;
	}

	public void setHandshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = positive("handshake-timeout", handshakeTimeout);
	}

	public boolean isObserveHandshakes() {
		return this.observeHandshakes;
	}

	public void setObserveHandshakes(boolean observeHandshakes) {
		this.observeHandshakes = observeHandshakes;
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
		this.idleTimeout = (idleTimeout != null) ? positive("idle-timeout", idleTimeout) : null;
	}

	public Duration getShutdownGrace() {
		return this.shutdownGrace;
	}

	public void setShutdownGrace(Duration shutdownGrace) {
		if (shutdownGrace.isNegative()) {
			throw new IllegalArgumentException("shutdown-grace must not be negative: " + shutdownGrace);
		}
		this.shutdownGrace = shutdownGrace;
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

	/**
	 * The engine settings these properties describe.
	 * @return the settings
	 */
	public WampServerSettings toSettings() {
		return new WampServerSettings(this.serverIdent, new WampErrors(this.errorUriBase), this.excludePublisher,
				this.limits.maxPrefixes, this.limits.maxSubscriptions, this.limits.maxInFlightCalls, this.maxUriLength,
				(int) this.maxMessageSize.toBytes(), this.outbound.maxMessages, this.outbound.maxBytes.toBytes(),
				this.outbound.overflowPolicy, this.keepAlive.pingInterval, this.keepAlive.maxUnansweredPings,
				this.callTimeout);
	}

	static int positive(String name, int value) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be positive: " + value);
		}
		return value;
	}

	static Duration positive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive: " + value);
		}
		return value;
	}

	static DataSize intSize(String name, DataSize value) {
		if (value.toBytes() <= 0 || value.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(name + " must be between 1B and 2GB: " + value);
		}
		return value;
	}

	/** Keep-alive pings. */
	public static class KeepAlive {

		/**
		 * Interval between keep-alive pings; 0 turns pings off.
		 */
		private Duration pingInterval = Duration.ofSeconds(30);

		/**
		 * Pings left unanswered before the connection is closed with 1001.
		 */
		private int maxUnansweredPings = 2;

		public Duration getPingInterval() {
			return this.pingInterval;
		}

		public void setPingInterval(Duration pingInterval) {
			if (pingInterval.isNegative()) {
				throw new IllegalArgumentException("keep-alive.ping-interval must not be negative: " + pingInterval);
			}
			this.pingInterval = pingInterval;
		}

		public int getMaxUnansweredPings() {
			return this.maxUnansweredPings;
		}

		public void setMaxUnansweredPings(int maxUnansweredPings) {
			this.maxUnansweredPings = positive("keep-alive.max-unanswered-pings", maxUnansweredPings);
		}

	}

	/** Per-connection limits. */
	public static class Limits {

		/**
		 * Subscriptions per connection; further SUBSCRIBEs are ignored.
		 */
		private int maxSubscriptions = 1024;

		/**
		 * CURIE prefixes per connection; further PREFIXes are ignored.
		 */
		private int maxPrefixes = 256;

		/**
		 * Unanswered CALLs per connection; further CALLs are answered with a TooManyCalls
		 * error.
		 */
		private int maxInFlightCalls = 128;

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

		public int getMaxSubscriptions() {
			return this.maxSubscriptions;
		}

		public void setMaxSubscriptions(int maxSubscriptions) {
			this.maxSubscriptions = positive("limits.max-subscriptions", maxSubscriptions);
		}

		public int getMaxPrefixes() {
			return this.maxPrefixes;
		}

		public void setMaxPrefixes(int maxPrefixes) {
			this.maxPrefixes = positive("limits.max-prefixes", maxPrefixes);
		}

		public int getMaxInFlightCalls() {
			return this.maxInFlightCalls;
		}

		public void setMaxInFlightCalls(int maxInFlightCalls) {
			this.maxInFlightCalls = positive("limits.max-in-flight-calls", maxInFlightCalls);
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
		private int maxMessages = 1024;

		/**
		 * Bytes queued per connection before the overflow policy applies.
		 */
		private DataSize maxBytes = DataSize.ofMegabytes(1);

		/**
		 * What a full outbound queue does: close the connection (1008) or drop the frame.
		 */
		private OverflowPolicy overflowPolicy = OverflowPolicy.CLOSE;

		public int getMaxMessages() {
			return this.maxMessages;
		}

		public void setMaxMessages(int maxMessages) {
			this.maxMessages = positive("outbound.max-messages", maxMessages);
		}

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(DataSize maxBytes) {
			if (maxBytes.toBytes() <= 0) {
				throw new IllegalArgumentException("outbound.max-bytes must be positive: " + maxBytes);
			}
			this.maxBytes = maxBytes;
		}

		public OverflowPolicy getOverflowPolicy() {
			return this.overflowPolicy;
		}

		public void setOverflowPolicy(OverflowPolicy overflowPolicy) {
			this.overflowPolicy = overflowPolicy;
		}

	}

}
