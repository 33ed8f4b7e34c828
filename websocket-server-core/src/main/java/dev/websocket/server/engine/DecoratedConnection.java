package dev.websocket.server.engine;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.websocket.server.connection.AttributeStore;
import dev.websocket.server.connection.Attributes;
import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.connection.Frame;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.codec.WampCodec;
import dev.websocket.server.wamp.message.WampMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The engine's {@link WampConnection}: one per socket, its identity stable for the socket's life.
 * Every message is encoded with the server's codec and goes through the connection's bounded
 * {@link OutboundQueue}; once {@link Attributes#WEBSOCKET_CLOSING} is set nothing more is queued.
 */
final class DecoratedConnection implements WampConnection {

	private static final Logger logger = LoggerFactory.getLogger(DecoratedConnection.class);

	/** Close status used when the outbound queue overflows under {@link OverflowPolicy#CLOSE}. */
	static final CloseStatus OVERFLOW_STATUS = new CloseStatus(CloseCodes.POLICY_VIOLATION, "Outbound queue overflow");

	private static final AtomicLong resourceIds = new AtomicLong();

	private final String sessionId;

	private final HttpRequest request;

	private final AttributeStore attributes = new AttributeStore();

	private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();

	private final Map<String, String> prefixes = new ConcurrentHashMap<>();

	private final WampCodec codec;

	private final WampServerSettings settings;

	private final WampServerListener listener;

	private final OutboundQueue outbound;

	private final AtomicBoolean closing = new AtomicBoolean();

	private volatile CloseStatus closeStatus = CloseStatus.NORMAL;

	/** Set when the socket is gone and cleanup has started; no subscription may be added after. */
	private volatile boolean released;

	private final AtomicInteger unansweredPings = new AtomicInteger();

	private final AtomicInteger inFlightCalls = new AtomicInteger();

	private final Disposable.Composite pendingCalls = Disposables.composite();

	private final Sinks.Empty<Void> outboundDone = Sinks.empty();

	DecoratedConnection(String sessionId, HttpRequest request, WampCodec codec, WampServerSettings settings,
			WampServerListener listener) {
		this.sessionId = sessionId;
		this.request = request;
		this.codec = codec;
		this.settings = settings;
		this.listener = listener;
		this.outbound = new OutboundQueue(settings.outboundMaxMessages(), settings.outboundMaxBytes(),
				() -> outboundDone.tryEmitEmpty());
		attributes.set(Attributes.HTTP_REQUEST, request);
		attributes.set(Attributes.REMOTE_ADDRESS, request.remoteAddress());
		attributes.set(Attributes.RESOURCE_ID, resourceIds.incrementAndGet());
		attributes.set(Attributes.HTTP_HEADERS_RECEIVED, true);
		attributes.set(Attributes.WAMP_SESSION_ID, sessionId);
		attributes.set(Attributes.WAMP_SUBSCRIPTIONS, subscriptions);
		attributes.set(Attributes.WAMP_PREFIXES, prefixes);
	}

	@Override
	public String sessionId() {
		return sessionId;
	}

	@Override
	public @Nullable Principal principal() {
		return request.principal();
	}

	@Nullable String principalName() {
		Principal principal = request.principal();
		return (principal != null) ? principal.getName() : null;
	}

	HttpRequest request() {
		return request;
	}

	@Override
	public AttributeStore attributes() {
		return attributes;
	}

	/** The live set of subscribed topic URIs (the {@code wamp.subscriptions} attribute). */
	Set<String> subscriptions() {
		return subscriptions;
	}

	OutboundQueue outbound() {
		return outbound;
	}

	/** Completes once the outbound stream has completed or been cancelled. */
	Mono<Void> outboundDone() {
		return outboundDone.asMono();
	}

	CloseStatus closeStatus() {
		return closeStatus;
	}

	AtomicInteger unansweredPings() {
		return unansweredPings;
	}

	AtomicInteger inFlightCalls() {
		return inFlightCalls;
	}

	Disposable.Composite pendingCalls() {
		return pendingCalls;
	}

	// ---- sending

	@Override
	public void send(String data) {
		send(Frame.text(data));
	}

	@Override
	public void send(Frame frame) {
		if (isClosing()) {
			return;
		}
		OutboundQueue.Offer offer = outbound.offer(frame);
		if (offer == OutboundQueue.Offer.OVERFLOW) {
			overflow();
		}
	}

	/**
	 * Encodes and queues a message, reporting it as sent.
	 * @param message the message
	 */
	void send(WampMessage message) {
		if (isClosing()) {
			return;
		}
		send(Frame.text(codec.encode(message)));
		listener.messagesSent(message.typeId(), 1);
	}

	private void overflow() {
		OverflowPolicy policy = settings.overflowPolicy();
		if (policy == OverflowPolicy.DROP) {
			logger.debug("Outbound queue of session {} is full; frame dropped", sessionId);
			listener.outboundOverflow(this, policy);
			return;
		}
		if (markClosing(OVERFLOW_STATUS)) {
			logger.debug("Outbound queue of session {} overflowed; closing", sessionId);
			outbound.abort();
			listener.outboundOverflow(this, policy);
		}
	}

	@Override
	public void callResult(String callId, @Nullable Object result) {
		send(new WampMessage.CallResult(callId, result));
	}

	@Override
	public void callError(String callId, String errorUri, String description, @Nullable Object details) {
		send(new WampMessage.CallError(callId, errorUri, description, details));
	}

	@Override
	public void event(String topicUri, @Nullable Object event) {
		send(new WampMessage.Event(getUri(topicUri), event));
	}

	@Override
	public void prefix(String prefix, String uri) {
		prefixes.put(prefix, uri);
		send(new WampMessage.Prefix(prefix, uri));
	}

	/**
	 * Defines a prefix the client sent, within the limit: redefining an existing prefix is always
	 * allowed, a new one only below {@link WampServerSettings#maxPrefixes()}.
	 * @param prefix the prefix
	 * @param uri its URI
	 * @return whether it was defined
	 */
	boolean definePrefix(String prefix, String uri) {
		if (!prefixes.containsKey(prefix) && prefixes.size() >= settings.maxPrefixes()) {
			return false;
		}
		prefixes.put(prefix, uri);
		return true;
	}

	@Override
	public String getUri(String curieOrUri) {
		if (curieOrUri.startsWith("http://") || curieOrUri.startsWith("https://")) {
			return curieOrUri;
		}
		int colon = curieOrUri.indexOf(':');
		if (colon < 0) {
			return curieOrUri;
		}
		String uri = prefixes.get(curieOrUri.substring(0, colon));
		return (uri != null) ? uri + curieOrUri.substring(colon + 1) : curieOrUri;
	}

	// ---- closing

	@Override
	public boolean isClosing() {
		// As in the seed, code that sets the attribute itself also stops further sends.
		return closing.get() || Boolean.TRUE.equals(attributes.get(Attributes.WEBSOCKET_CLOSING));
	}

	@Override
	public void close() {
		close(CloseCodes.NORMAL, "");
	}

	@Override
	public void close(int code, String reason) {
		if (markClosing(new CloseStatus(code, truncate(reason)))) {
			outbound.complete();
		}
	}

	/** Marks the start of cleanup after the socket closed. */
	void release() {
		released = true;
	}

	/** Whether cleanup after the socket closed has started. */
	boolean isReleased() {
		return released;
	}

	/** Ends the outbound stream at once, discarding what is queued (the socket is gone). */
	void abortOutbound() {
		outbound.abort();
	}

	/**
	 * Marks the connection closing with a status, once.
	 * @return whether this call marked it
	 */
	boolean markClosing(CloseStatus status) {
		if (!closing.compareAndSet(false, true)) {
			return false;
		}
		closeStatus = status;
		attributes.set(Attributes.WEBSOCKET_CLOSING, true);
		return true;
	}

	/**
	 * Cuts a close reason to the 123 bytes of UTF-8 a close frame carries, never splitting a
	 * character.
	 * @param reason the reason
	 * @return the reason, possibly shortened
	 */
	static String truncate(String reason) {
		byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= 123) {
			return reason;
		}
		StringBuilder result = new StringBuilder();
		int used = 0;
		for (int i = 0; i < reason.length();) {
			int codePoint = reason.codePointAt(i);
			int length = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
			if (used + length > 123) {
				break;
			}
			result.appendCodePoint(codePoint);
			used += length;
			i += Character.charCount(codePoint);
		}
		return result.toString();
	}

	@Override
	public String toString() {
		return "WampConnection[" + sessionId + "]";
	}
}
