package dev.websocket.server.connection;

/**
 * A WebSocket close code with its reason.
 *
 * @param code the close code, see {@link CloseCodes}
 * @param reason a short human-readable reason, possibly empty
 */
public record CloseStatus(int code, String reason) {

	/** Normal closure without a reason. */
	public static final CloseStatus NORMAL = new CloseStatus(CloseCodes.NORMAL, "");

	/** Server shutdown. */
	public static final CloseStatus GOING_AWAY = new CloseStatus(CloseCodes.GOING_AWAY, "Server shutting down");

}
