package dev.websocket.server.client;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A CALL was answered with CALLERROR
 * {@code [4, callId, errorUri, errorDesc(, errorDetails)]}.
 */
public final class WampCallException extends RuntimeException {

	private final String errorUri;

	private final String description;

	private final @Nullable JsonNode details;

	/**
	 * @param errorUri the error URI
	 * @param description the error description
	 * @param details the error details, {@code null} when absent
	 */
	public WampCallException(String errorUri, String description, @Nullable JsonNode details) {
		super(errorUri + ": " + description, null, false, false);
		this.errorUri = errorUri;
		this.description = description;
		this.details = details;
	}

	/** The error URI. */
	public String errorUri() {
		return errorUri;
	}

	/** The human-readable description. */
	public String description() {
		return description;
	}

	/**
	 * The application details, or {@code null} when the server sent none (or JSON null).
	 */
	public @Nullable JsonNode details() {
		return details;
	}

}
