package dev.websocket.server.engine;

import java.security.Principal;
import java.util.List;
import java.util.function.Consumer;

import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.middleware.HandshakeRejectedException;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.message.WampMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans every notification out to the registered listeners; a listener that throws is
 * logged and never disturbs the engine or the other listeners.
 */
final class CompositeListener implements WampServerListener {

	private static final Logger logger = LoggerFactory.getLogger(CompositeListener.class);

	private final List<WampServerListener> listeners;

	CompositeListener(List<WampServerListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	private void each(Consumer<WampServerListener> action) {
		for (WampServerListener listener : listeners) {
			try {
				action.accept(listener);
			}
			catch (Throwable ex) {
				logger.warn("Listener {} failed", listener, ex);
			}
		}
	}

	@Override
	public void connectionOpened(WampConnection connection) {
		each((l) -> l.connectionOpened(connection));
	}

	@Override
	public void connectionClosed(WampConnection connection, CloseStatus status) {
		each((l) -> l.connectionClosed(connection, status));
	}

	@Override
	public void handshakeRejected(HttpRequest request, HandshakeRejectedException rejection) {
		each((l) -> l.handshakeRejected(request, rejection));
	}

	@Override
	public void messageReceived(WampConnection connection, WampMessage message) {
		each((l) -> l.messageReceived(connection, message));
	}

	@Override
	public void messagesSent(int typeId, int count) {
		each((l) -> l.messagesSent(typeId, count));
	}

	@Override
	public void authenticated(WampConnection connection, Principal principal) {
		each((l) -> l.authenticated(connection, principal));
	}

	@Override
	public void subscribed(WampConnection connection, String topicUri) {
		each((l) -> l.subscribed(connection, topicUri));
	}

	@Override
	public void unsubscribed(WampConnection connection, String topicUri) {
		each((l) -> l.unsubscribed(connection, topicUri));
	}

	@Override
	public void topicCreated(String topicUri) {
		each((l) -> l.topicCreated(topicUri));
	}

	@Override
	public void topicRemoved(String topicUri) {
		each((l) -> l.topicRemoved(topicUri));
	}

	@Override
	public void messageIgnored(WampConnection connection, WampMessage message, IgnoredReason reason) {
		each((l) -> l.messageIgnored(connection, message, reason));
	}

	@Override
	public void callCompleted(WampConnection connection, @Nullable String pattern, CallOutcome outcome, long nanos) {
		each((l) -> l.callCompleted(connection, pattern, outcome, nanos));
	}

	@Override
	public void outboundOverflow(WampConnection connection, OverflowPolicy policy) {
		each((l) -> l.outboundOverflow(connection, policy));
	}

	@Override
	public void error(WampConnection connection, Throwable error) {
		each((l) -> l.error(connection, error));
	}

}
