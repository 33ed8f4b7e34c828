package dev.websocket.server.connection;

/** The WebSocket close codes this server uses (RFC 6455, section 7.4.1). */
public final class CloseCodes {

	/** Normal closure. */
	public static final int NORMAL = 1000;

	/** The server is going away (shutdown) or the peer stopped answering pings. */
	public static final int GOING_AWAY = 1001;

	/**
	 * A violation of the WebSocket protocol: RSV bits without an extension, an invalid
	 * close frame.
	 */
	public static final int PROTOCOL_ERROR = 1002;

	/** A frame type the server does not accept (binary). */
	public static final int UNSUPPORTED_DATA = 1003;

	/** Sent to mean "no status"; never sent on the wire. */
	public static final int NO_STATUS = 1005;

	/** The connection dropped without a close frame; never sent on the wire. */
	public static final int ABNORMAL = 1006;

	/** A message that is not valid WAMP v1. */
	public static final int INVALID_PAYLOAD = 1007;

	/** A policy violation, such as overflowing the outbound queue. */
	public static final int POLICY_VIOLATION = 1008;

	/** A frame or message over the size limit. */
	public static final int MESSAGE_TOO_BIG = 1009;

	/** An unexpected condition on the server. */
	public static final int INTERNAL_ERROR = 1011;

	private CloseCodes() {
	}

}
