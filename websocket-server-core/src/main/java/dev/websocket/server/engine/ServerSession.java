package dev.websocket.server.engine;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.connection.Frame;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.codec.WampProtocolException;
import dev.websocket.server.wamp.message.WampMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * The transport's handle on one connection: checks and decodes what arrives, expands
 * CURIEs, passes messages down the chain in arrival order, and cleans up once when the
 * socket closes.
 */
class ServerSession implements TransportSession {

	private static final Logger logger = LoggerFactory.getLogger(ServerSession.class);

	static final String BINARY_NOT_SUPPORTED = "Binary frames are not supported";

	private final DecoratedConnection connection;

	private final SessionContext context;

	private static final AtomicIntegerFieldUpdater<ServerSession> CLOSED = AtomicIntegerFieldUpdater
		.newUpdater(ServerSession.class, "closed");

	/**
	 * 1 once the close chain ran (a field updater: less heap per connection than an
	 * AtomicBoolean).
	 */
	private volatile int closed;

	/** Created on the first PUBLISH: most connections only subscribe. */
	private @Nullable PublishBudget publishBudget;

	private final @Nullable String subprotocol;

	ServerSession(DecoratedConnection connection, SessionContext context, @Nullable String subprotocol) {
		this.subprotocol = subprotocol;
		this.connection = connection;
		this.context = context;
	}

	@Override
	public @Nullable String subprotocol() {
		return subprotocol;
	}

	@Override
	public WampConnection connection() {
		return connection;
	}

	@Override
	public Flux<Frame> outbound() {
		// made when asked, not kept: a transport that polls never asks
		return Flux.from(connection.outbound());
	}

	@Override
	public void attachOutbound(Runnable wakeup, ImmediateWriter immediate) {
		connection.outbound().attach(wakeup, immediate);
	}

	@Override
	public @Nullable Frame pollFrame() {
		return connection.outbound().poll();
	}

	@Override
	public boolean outboundEnded() {
		return connection.outbound().ended();
	}

	@Override
	public CloseStatus closeStatus() {
		return connection.closeStatus();
	}

	@Override
	public void receiveText(String text) {
		if (connection.isClosing()) {
			return;
		}
		WampServerSettings settings = context.settings();
		if (text.length() > settings.maxMessageSize()) {
			connection.close(CloseCodes.MESSAGE_TOO_BIG,
					"Message too big: over " + settings.maxMessageSize() + " characters");
			return;
		}
		WampMessage message;
		try {
			message = expand(context.codec().decodeFromClient(text));
		}
		catch (WampProtocolException ex) {
			reject(ex, Objects.requireNonNullElse(ex.getMessage(), "Invalid WAMP message"));
			return;
		}
		catch (RuntimeException ex) {
			// The codec must only throw its typed exception; never let anything else
			// reach the transport.
			logger.warn("Decoding a message from session {} failed unexpectedly", connection.sessionId(), ex);
			reject(ex, "Invalid WAMP message");
			return;
		}
		try {
			dispatch(message, text.length());
		}
		catch (Throwable ex) {
			logger.error("Handling a message from session {} failed", connection.sessionId(), ex);
			error(ex);
		}
	}

	private void reject(Exception ex, String reason) {
		logger.debug("Closing session {}: {}", connection.sessionId(), reason);
		context.listener().error(connection, ex);
		connection.close(CloseCodes.INVALID_PAYLOAD, reason);
	}

	private void dispatch(WampMessage message, int size) {
		WampServerListener listener = context.listener();
		listener.messageReceived(connection, message);
		if (message instanceof WampMessage.Publish && !withinPublishBudget(size)) {
			overPublishBudget(message);
			return;
		}
		if (message instanceof WampMessage.Prefix prefix) {
			if (!connection.definePrefix(prefix.prefix(), prefix.uri())) {
				logger.debug("PREFIX from session {} ignored: prefix limit", connection.sessionId());
				listener.messageIgnored(connection, message, WampServerListener.IgnoredReason.LIMIT_REACHED);
				return;
			}
		}
		context.chain().onMessage(connection, message);
	}

	boolean withinPublishBudget(int size) {
		PublishLimits limits = context.settings().publishLimits();
		if (!limits.limited()) {
			return true;
		}
		long now = System.nanoTime();
		PublishBudget budget = this.publishBudget;
		if (budget == null) {
			budget = new PublishBudget(limits, now);
			this.publishBudget = budget;
		}
		return budget.tryAcquire(size, now);
	}

	/**
	 * Refuses a PUBLISH over budget before anything fans it out: dropped, or the
	 * publisher closed; never its readers, whose queues it would otherwise fill.
	 */
	void overPublishBudget(WampMessage message) {
		// DEBUG only: a flood would otherwise flood the log too
		logger.debug("PUBLISH from session {} over its budget", connection.sessionId());
		context.listener().messageIgnored(connection, message, WampServerListener.IgnoredReason.OVER_BUDGET);
		if (context.settings().publishLimits().policy() == OverflowPolicy.CLOSE) {
			connection.close(CloseCodes.POLICY_VIOLATION, "PUBLISH over budget");
		}
	}

	/**
	 * Replaces a CURIE in a message with the full URI, so that the layers and handlers
	 * only ever see full URIs.
	 * @throws WampProtocolException when the expanded URI is over the length limit
	 */
	private WampMessage expand(WampMessage message) {
		if (message instanceof WampMessage.Call call) {
			String uri = expandUri(call.procUri());
			return uri.equals(call.procUri()) ? call : new WampMessage.Call(call.callId(), uri, call.arguments());
		}
		if (message instanceof WampMessage.Subscribe subscribe) {
			String uri = expandUri(subscribe.topicUri());
			return uri.equals(subscribe.topicUri()) ? subscribe : new WampMessage.Subscribe(uri);
		}
		if (message instanceof WampMessage.Unsubscribe unsubscribe) {
			String uri = expandUri(unsubscribe.topicUri());
			return uri.equals(unsubscribe.topicUri()) ? unsubscribe : new WampMessage.Unsubscribe(uri);
		}
		if (message instanceof WampMessage.Publish publish) {
			String uri = expandUri(publish.topicUri());
			return uri.equals(publish.topicUri()) ? publish : new WampMessage.Publish(uri, publish.event(),
					publish.excludeMe(), publish.exclude(), publish.eligible());
		}
		return message;
	}

	/** The full URI for a CURIE or URI. */
	private String expandUri(String curieOrUri) {
		String uri = connection.getUri(curieOrUri);
		int limit = context.settings().maxUriLength();
		if (uri.length() > limit) {
			// The codec bounds what arrives; a prefix must not double it.
			throw new WampProtocolException("URI longer than " + limit + " characters after CURIE expansion");
		}
		return uri;
	}

	@Override
	public void receiveBinary() {
		connection.close(CloseCodes.UNSUPPORTED_DATA, BINARY_NOT_SUPPORTED);
	}

	@Override
	public boolean pauseReading(Runnable resume) {
		return connection.outbound().pauseAbove(resume);
	}

	@Override
	public void onClosing(Runnable callback) {
		connection.outbound().whenEnding(callback);
	}

	@Override
	public void receivePong() {
		connection.pongReceived();
	}

	@Override
	public void closed(CloseStatus status) {
		if (!CLOSED.compareAndSet(this, 0, 1)) {
			return;
		}
		connection.markClosing(status);
		// Set before the subscriptions are read: a SUBSCRIBE racing with this on another
		// thread either
		// lands in the snapshot below or sees the flag and undoes itself.
		connection.release();
		// The socket is gone: nothing queued can be written any more.
		connection.abortOutbound();
		connection.pendingCalls().dispose();
		try {
			context.chain().onClose(connection);
		}
		catch (Throwable ex) {
			logger.error("A layer failed closing session {}", connection.sessionId(), ex);
			context.listener().error(connection, ex);
		}
		context.subscriptions().leaveAll(connection);
		context.connections().remove(connection);
		context.listener().connectionClosed(connection, status);
	}

	@Override
	public void error(Throwable error) {
		try {
			context.chain().onError(connection, error);
		}
		catch (Throwable ex) {
			logger.error("A layer failed handling an error of session {}", connection.sessionId(), ex);
			context.listener().error(connection, ex);
		}
	}

	@Override
	public String toString() {
		return "TransportSession[" + connection.sessionId() + "]";
	}

}
