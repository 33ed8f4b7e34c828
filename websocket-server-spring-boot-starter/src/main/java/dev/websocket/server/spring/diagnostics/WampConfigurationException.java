package dev.websocket.server.spring.diagnostics;

import org.jspecify.annotations.Nullable;

/**
 * A start-up failure caused by the application's WAMP configuration (a handler method, a
 * URI pattern, a {@code websocket.server.*} value): what is wrong and how to fix it.
 * Spring Boot reports it as a Description and an Action instead of a stack trace (see
 * {@link WampConfigurationFailureAnalyzer}).
 */
public class WampConfigurationException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String description;

	private final String action;

	/**
	 * @param description what is wrong, naming the bean, method or property
	 * @param action how to fix it
	 */
	public WampConfigurationException(String description, String action) {
		this(description, action, null);
	}

	/**
	 * @param description what is wrong, naming the bean, method or property
	 * @param action how to fix it
	 * @param cause the underlying failure, if any
	 */
	public WampConfigurationException(String description, String action, @Nullable Throwable cause) {
		super(description + " Action: " + action, cause);
		this.description = description;
		this.action = action;
	}

	/** What is wrong, naming the bean, method or property. */
	public String description() {
		return this.description;
	}

	/** How to fix it. */
	public String action() {
		return this.action;
	}

}
