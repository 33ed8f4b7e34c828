package dev.websocket.server.spring.event;

import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.middleware.HandshakeRejectedException;

import org.springframework.context.ApplicationEvent;

/**
 * A WebSocket handshake was refused (blocked address, foreign origin, missing
 * subprotocol, ...) and answered with an HTTP status; the source is the upgrade request.
 */
public final class WampHandshakeRejectedEvent extends ApplicationEvent {

	private final HandshakeRejectedException.Reason reason;

	private final int status;

	private final String description;

	/**
	 * @param request the upgrade request
	 * @param rejection why it was refused
	 */
	public WampHandshakeRejectedEvent(HttpRequest request, HandshakeRejectedException rejection) {
		super(request);
		this.reason = rejection.reason();
		this.status = rejection.status();
		this.description = (rejection.getMessage() != null) ? rejection.getMessage() : "";
	}

	/** The refused upgrade request. */
	public HttpRequest getRequest() {
		return (HttpRequest) getSource();
	}

	/** Why it was refused. */
	public HandshakeRejectedException.Reason getReason() {
		return this.reason;
	}

	/** The HTTP status it was answered with. */
	public int getStatus() {
		return this.status;
	}

	/** A description for logs. */
	public String getDescription() {
		return this.description;
	}

}
