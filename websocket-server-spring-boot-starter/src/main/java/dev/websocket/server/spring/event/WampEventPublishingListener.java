package dev.websocket.server.spring.event;

import java.security.Principal;

import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.engine.WampServerListener;
import dev.websocket.server.middleware.HandshakeRejectedException;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.message.WampMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Turns what the engine reports into Spring application events
 * ({@link WampConnectionOpenedEvent}, {@link WampConnectionClosedEvent},
 * {@link WampHandshakeRejectedEvent}, {@link WampAuthenticatedEvent},
 * {@link WampSubscribedEvent}, {@link WampUnsubscribedEvent},
 * {@link WampMessageIgnoredEvent}, {@link WampErrorEvent}). Events are published
 * synchronously on the connection's Netty I/O thread, so listeners must be quick and must
 * never block (slow work belongs on another thread, for example an {@code @Async}
 * listener); a listener that throws is logged and does not disturb the connection.
 */
public final class WampEventPublishingListener implements WampServerListener {

	private static final Logger logger = LoggerFactory.getLogger(WampEventPublishingListener.class);

	private final ApplicationEventPublisher publisher;

	/**
	 * @param publisher publishes the events
	 */
	public WampEventPublishingListener(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void connectionOpened(WampConnection connection) {
		publish(new WampConnectionOpenedEvent(connection));
	}

	@Override
	public void connectionClosed(WampConnection connection, CloseStatus status) {
		publish(new WampConnectionClosedEvent(connection, status));
	}

	@Override
	public void handshakeRejected(HttpRequest request, HandshakeRejectedException rejection) {
		publish(new WampHandshakeRejectedEvent(request, rejection));
	}

	@Override
	public void authenticated(WampConnection connection, Principal principal) {
		publish(new WampAuthenticatedEvent(connection, principal));
	}

	@Override
	public void subscribed(WampConnection connection, String topicUri) {
		publish(new WampSubscribedEvent(connection, topicUri));
	}

	@Override
	public void unsubscribed(WampConnection connection, String topicUri) {
		publish(new WampUnsubscribedEvent(connection, topicUri));
	}

	@Override
	public void messageIgnored(WampConnection connection, WampMessage message, IgnoredReason reason) {
		publish(new WampMessageIgnoredEvent(connection, message, reason));
	}

	@Override
	public void error(WampConnection connection, Throwable error) {
		publish(new WampErrorEvent(connection, error));
	}

	private void publish(ApplicationEvent event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.warn("A listener failed on {}", event.getClass().getSimpleName(), ex);
		}
	}

}
