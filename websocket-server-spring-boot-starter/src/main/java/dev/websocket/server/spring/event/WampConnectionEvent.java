package dev.websocket.server.spring.event;

import dev.websocket.server.wamp.WampConnection;

import org.springframework.context.ApplicationEvent;

/**
 * Base of the events about one WAMP connection; the source is the connection. Published
 * on the connection's I/O thread: listeners must be quick and must not block.
 */
public abstract class WampConnectionEvent extends ApplicationEvent {

	/**
	 * @param connection the connection the event is about
	 */
	protected WampConnectionEvent(WampConnection connection) {
		super(connection);
	}

	/** The connection the event is about. */
	public WampConnection getConnection() {
		return (WampConnection) getSource();
	}

	/** The connection's WAMP session id. */
	public String getSessionId() {
		return getConnection().sessionId();
	}

}
