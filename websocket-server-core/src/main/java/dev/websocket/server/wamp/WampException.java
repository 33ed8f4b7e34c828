package dev.websocket.server.wamp;

import org.jspecify.annotations.Nullable;

/**
 * An application error that a handler throws (or signals asynchronously) to answer a CALL
 * with {@code [4, callId, errorUri, description(, details)]}. The description and details
 * are sent to the client as they are, so they must not hold secrets.
 */
public class WampException extends RuntimeException {

	private final String errorUri;

	private final @Nullable Object details;

	/**
	 * @param errorUri identifies the error
	 * @param description the description sent to the client
	 */
	public WampException(String errorUri, String description) {
		this(errorUri, description, null);
	}

	/**
	 * @param errorUri identifies the error
	 * @param description the description sent to the client
	 * @param details application details sent to the client, or {@code null}
	 */
	public WampException(String errorUri, String description, @Nullable Object details) {
		super(description);
		this.errorUri = errorUri;
		this.details = details;
	}

	/** The error URI. */
	public String errorUri() {
		return errorUri;
	}

	/** The description. */
	public String description() {
		return getMessage();
	}

	/** The details, or {@code null}. */
	public @Nullable Object details() {
		return details;
	}

	@Override
	public String getMessage() {
		String message = super.getMessage();
		return (message != null) ? message : "";
	}

}
