package dev.websocket.server.wamp;

/**
 * The error URIs the server itself answers with, under a configurable base (default
 * {@value #DEFAULT_BASE}).
 *
 * @param base the prefix of every error URI
 */
public record WampErrors(String base) {

	/** The default base, as in the WAMP v1 examples and the PHP servers. */
	public static final String DEFAULT_BASE = "http://api.wamp.ws/error#";

	/** Errors under {@link #DEFAULT_BASE}. */
	public static final WampErrors DEFAULT = new WampErrors(DEFAULT_BASE);

	/** No handler for the procedure URI; details {@code {"code":404,"uri":...}}. */
	public String noSuchProcedure() {
		return base + "NoSuchRPCEndpoint";
	}

	/** The handler failed unexpectedly; no detail leaks. */
	public String internalError() {
		return base + "InternalError";
	}

	/** The arguments do not fit the procedure. */
	public String invalidArgument() {
		return base + "InvalidArgument";
	}

	/** The authorization hook refused the call. */
	public String notAuthorized() {
		return base + "NotAuthorized";
	}

	/** The connection has too many calls in flight. */
	public String tooManyCalls() {
		return base + "TooManyCalls";
	}

	/** The handler did not answer within the call timeout. */
	public String timeout() {
		return base + "Timeout";
	}
}
