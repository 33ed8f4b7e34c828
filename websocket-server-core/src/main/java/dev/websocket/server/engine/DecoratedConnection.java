package dev.websocket.server.engine;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
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
import dev.websocket.server.wamp.Curies;

/**
 * The engine's {@link WampConnection}: one per socket, its identity stable for the
 * socket's life. Every message is encoded with the server's codec and goes through the
 * connection's bounded {@link OutboundQueue}; once {@link Attributes#WEBSOCKET_CLOSING}
 * is set nothing more is queued.
 *
 * <p>
 * Every connection has both a WAMP v1 string id and a WAMP v2 integer id, whichever
 * generation it speaks: they are the two names of one session (see
 * {@link dev.websocket.server.wamp.topic.Publication.Wamp2}). A WAMP v2 session's
 * connection is the {@link Wamp2Connection} subclass, which answers in v2 messages.
 *
 * <p>
 * Lean by design, as there may be tens of thousands of idle connections: the reserved
 * attributes are derived from the connection's own fields when asked rather than stored
 * (see {@link #derivedAttribute}), and the subscription and prefix collections are
 * created on first use.
 */
class DecoratedConnection implements WampConnection, AttributeStore.Derived {

	private static final Logger logger = LoggerFactory.getLogger(DecoratedConnection.class);

	/**
	 * Close status used when the outbound queue overflows under
	 * {@link OverflowPolicy#CLOSE}.
	 */
	static final CloseStatus OVERFLOW_STATUS = new CloseStatus(CloseCodes.POLICY_VIOLATION, "Outbound queue overflow");

	private static final AtomicLong resourceIds = new AtomicLong();

	private final String sessionId;

	private final long v2SessionId;

	/**
	 * The v2 id in decimal, as exclude and eligible lists name it; made when first asked
	 * (a racy cache: every thread computes the same immutable string).
	 */
	private @Nullable String v2SessionIdText;

	/** A process-unique id of the socket, {@link Attributes#RESOURCE_ID}. */
	private final long resourceId = resourceIds.incrementAndGet();

	/**
	 * The attributes the transport resolved at the handshake (such as the web session),
	 * answered like the reserved ones; set once before the connection is published.
	 */
	private volatile Map<String, ?> initialAttributes = Map.of();

	private final HttpRequest request;

	/** The user: the handshake's, until an in-band login replaces it. */
	private volatile @Nullable Principal principal;

	/** The user's name, kept apart: every user-filtered delivery asks for it. */
	private volatile @Nullable String principalName;

	/** The registry indexing this connection by user, once registered. */
	private volatile @Nullable LiveConnections registry;

	private static final AtomicIntegerFieldUpdater<DecoratedConnection> CLOSING = AtomicIntegerFieldUpdater
		.newUpdater(DecoratedConnection.class, "closing");

	private static final AtomicIntegerFieldUpdater<DecoratedConnection> UNANSWERED_PINGS = AtomicIntegerFieldUpdater
		.newUpdater(DecoratedConnection.class, "unansweredPings");

	private static final AtomicIntegerFieldUpdater<DecoratedConnection> IN_FLIGHT_CALLS = AtomicIntegerFieldUpdater
		.newUpdater(DecoratedConnection.class, "inFlightCalls");

	private final AttributeStore attributes = new AttributeStore(this);

	/** The subscribed topic URIs; created on the first subscription. */
	private volatile @Nullable Set<String> subscriptions;

	/** The CURIE prefixes; created on the first prefix. */
	private volatile @Nullable Map<String, String> prefixes;

	private final WampCodec codec;

	private final WampServerSettings settings;

	private final WampServerListener listener;

	private final OutboundQueue outbound;

	/**
	 * 1 once the connection is closing (a field updater, not an AtomicBoolean: less heap
	 * per connection).
	 */
	private volatile int closing;

	private volatile CloseStatus closeStatus = CloseStatus.NORMAL;

	/**
	 * Set when the socket is gone and cleanup has started; no subscription may be added
	 * after.
	 */
	private volatile boolean released;

	private volatile int unansweredPings;

	private volatile int inFlightCalls;

	/** The asynchronous CALLs awaiting their result; created by the first. */
	private volatile Disposable.@Nullable Composite pendingCalls;

	/** Set once the outbound stream completed or was cancelled. */
	private volatile boolean outboundTerminated;

	/**
	 * Completes once {@link #outboundTerminated}; created when first asked (a shutdown
	 * waiting for the queues to drain), not by every connection.
	 */
	private volatile Sinks.@Nullable Empty<Void> outboundDone;

	DecoratedConnection(String sessionId, HttpRequest request, WampCodec codec, WampServerSettings settings,
			WampServerListener listener) {
		this.sessionId = sessionId;
		this.v2SessionId = Wamp2Ids.newSessionId();
		this.request = request;
		Principal principal = request.principal();
		this.principal = principal;
		this.principalName = (principal != null) ? principal.getName() : null;
		this.codec = codec;
		this.settings = settings;
		this.listener = listener;
		this.outbound = new OutboundQueue(settings.outboundMaxMessages(), settings.outboundMaxBytes(),
				settings.outboundPauseReadingAt(), this::outboundTerminated);
	}

	/**
	 * Sets the attributes the transport resolved at the handshake; the reserved ones win
	 * over any of the same name. Called once, before the connection is published.
	 * @param initialAttributes the attributes
	 */
	void initialAttributes(Map<String, ?> initialAttributes) {
		// an immutable map is kept as it is; null values (a plain map's) mean no
		// attribute
		Map<String, Object> present = new java.util.HashMap<>();
		boolean nulls = false;
		for (Map.Entry<String, ?> entry : initialAttributes.entrySet()) {
			if (entry.getValue() != null) {
				present.put(entry.getKey(), entry.getValue());
			}
			else {
				nulls = true;
			}
		}
		this.initialAttributes = nulls ? Map.copyOf(present) : Map.copyOf(initialAttributes);
	}

	/**
	 * The reserved attributes, answered from the connection's state: the handshake
	 * request, the address, the ids, the closing flag, and live read-only views of the
	 * subscriptions and prefixes (application code sees every change but cannot bypass
	 * the limits or desynchronize the topic registry by writing to them); then the
	 * initial attributes.
	 */
	@Override
	public @Nullable Object derivedAttribute(String name) {
		return switch (name) {
			case Attributes.HTTP_REQUEST -> request;
			case Attributes.REMOTE_ADDRESS -> request.remoteAddress();
			case Attributes.RESOURCE_ID -> resourceId;
			case Attributes.HTTP_HEADERS_RECEIVED -> Boolean.TRUE;
			case Attributes.WAMP_SESSION_ID -> sessionId;
			case Attributes.WAMP_SUBSCRIPTIONS -> new SubscriptionsView();
			case Attributes.WAMP_PREFIXES -> new PrefixesView();
			case Attributes.WEBSOCKET_CLOSING -> (closing != 0) ? Boolean.TRUE : null;
			default -> initialAttributes.get(name);
		};
	}

	@Override
	public void forEachDerivedAttribute(BiConsumer<String, Object> action) {
		initialAttributes.forEach((name, value) -> {
			if (!isReserved(name)) {
				action.accept(name, value);
			}
		});
		action.accept(Attributes.HTTP_REQUEST, request);
		action.accept(Attributes.REMOTE_ADDRESS, request.remoteAddress());
		action.accept(Attributes.RESOURCE_ID, resourceId);
		action.accept(Attributes.HTTP_HEADERS_RECEIVED, Boolean.TRUE);
		action.accept(Attributes.WAMP_SESSION_ID, sessionId);
		action.accept(Attributes.WAMP_SUBSCRIPTIONS, new SubscriptionsView());
		action.accept(Attributes.WAMP_PREFIXES, new PrefixesView());
		if (closing != 0) {
			action.accept(Attributes.WEBSOCKET_CLOSING, Boolean.TRUE);
		}
	}

	private static boolean isReserved(String name) {
		return switch (name) {
			case Attributes.HTTP_REQUEST, Attributes.REMOTE_ADDRESS, Attributes.RESOURCE_ID,
					Attributes.HTTP_HEADERS_RECEIVED, Attributes.WAMP_SESSION_ID, Attributes.WAMP_SUBSCRIPTIONS,
					Attributes.WAMP_PREFIXES, Attributes.WEBSOCKET_CLOSING ->
				true;
			default -> false;
		};
	}

	@Override
	public String sessionId() {
		return sessionId;
	}

	@Override
	public long v2SessionId() {
		return v2SessionId;
	}

	/** The v2 id in decimal. */
	String v2SessionIdText() {
		String text = v2SessionIdText;
		if (text == null) {
			text = Long.toString(v2SessionId);
			v2SessionIdText = text;
		}
		return text;
	}

	@Override
	public @Nullable Principal principal() {
		return principal;
	}

	@Override
	public void authenticate(Principal principal) {
		if (principal == null) {
			throw new IllegalArgumentException("principal must not be null");
		}
		LiveConnections current = registry;
		if (current != null) {
			current.changeUser(this, principal);
		}
		else {
			setPrincipal(principal);
		}
		listener.authenticated(this, principal);
	}

	/** Sets the user; the registry calls it under its lock to keep its index in step. */
	void setPrincipal(Principal principal) {
		this.principal = principal;
		this.principalName = principal.getName();
	}

	void registeredIn(LiveConnections registry) {
		this.registry = registry;
	}

	@Nullable String principalName() {
		return principalName;
	}

	/** The authid WAMP v2 filters and meta events see: the user name for v1. */
	@Nullable String authid() {
		return principalName;
	}

	/** The authrole WAMP v2 filters and meta events see: none for v1. */
	@Nullable String authrole() {
		return null;
	}

	HttpRequest request() {
		return request;
	}

	@Override
	public AttributeStore attributes() {
		return attributes;
	}

	/**
	 * The subscribed topic URIs (what the {@code wamp.subscriptions} attribute shows,
	 * read-only). Change them with {@link #addSubscription} and
	 * {@link #removeSubscription}.
	 */
	Set<String> subscriptions() {
		Set<String> current = subscriptions;
		return (current != null) ? current : Set.of();
	}

	/** Records a subscription. @param uri the topic URI @return whether it was new */
	boolean addSubscription(String uri) {
		Set<String> current = subscriptions;
		if (current == null) {
			synchronized (this) {
				current = subscriptions;
				if (current == null) {
					// published before the add: a close that reads no set ran before
					// this write, so the caller's released check after the add sees it
					current = ConcurrentHashMap.newKeySet();
					subscriptions = current;
				}
			}
		}
		return current.add(uri);
	}

	/** Forgets a subscription. @param uri the topic URI */
	void removeSubscription(String uri) {
		Set<String> current = subscriptions;
		if (current != null) {
			current.remove(uri);
		}
	}

	/** The CURIE prefixes, empty and read-only until the first is defined. */
	private Map<String, String> prefixMap() {
		Map<String, String> current = prefixes;
		return (current != null) ? current : Map.of();
	}

	private Map<String, String> prefixesForUpdate() {
		Map<String, String> current = prefixes;
		if (current == null) {
			synchronized (this) {
				current = prefixes;
				if (current == null) {
					current = new ConcurrentHashMap<>();
					prefixes = current;
				}
			}
		}
		return current;
	}

	OutboundQueue outbound() {
		return outbound;
	}

	/** Completes once the outbound stream has completed or been cancelled. */
	Mono<Void> outboundDone() {
		Sinks.Empty<Void> done = outboundDone;
		if (done == null) {
			synchronized (this) {
				done = outboundDone;
				if (done == null) {
					done = Sinks.empty();
					outboundDone = done;
				}
			}
		}
		// the flag is set before the sink is read, the sink before the flag is read
		// here: one of the two emits (the serialized sink lets a second try fail)
		if (outboundTerminated) {
			done.tryEmitEmpty();
		}
		return done.asMono();
	}

	/** The outbound stream completed or was cancelled. */
	private void outboundTerminated() {
		outboundTerminated = true;
		Sinks.Empty<Void> done = outboundDone;
		if (done != null) {
			done.tryEmitEmpty();
		}
	}

	CloseStatus closeStatus() {
		return closeStatus;
	}

	/** Pings sent since the last pong. */
	int unansweredPings() {
		return unansweredPings;
	}

	/** Counts one more ping sent without an answer. */
	void pingSent() {
		UNANSWERED_PINGS.incrementAndGet(this);
	}

	/** A pong arrived: no ping is unanswered. */
	void pongReceived() {
		unansweredPings = 0;
	}

	/** CALLs in flight. */
	int inFlightCalls() {
		return inFlightCalls;
	}

	/** Counts a CALL in flight. @return the number in flight, this one included */
	int incrementInFlightCalls() {
		return IN_FLIGHT_CALLS.incrementAndGet(this);
	}

	/** A CALL was answered (or refused). */
	void decrementInFlightCalls() {
		IN_FLIGHT_CALLS.decrementAndGet(this);
	}

	/** The asynchronous CALLs awaiting their result (disposed when the socket closed). */
	Disposable.Composite pendingCalls() {
		Disposable.Composite current = pendingCalls;
		if (current == null) {
			synchronized (this) {
				current = pendingCalls;
				if (current == null) {
					current = Disposables.composite();
					pendingCalls = current;
				}
			}
		}
		return current;
	}

	// ---- sending

	@Override
	public void send(String data) {
		send(Frame.text(data));
	}

	@Override
	public void send(Frame frame) {
		offer(frame);
	}

	/**
	 * Queues a frame unless the connection is closing, applying the overflow policy when
	 * the queue is full.
	 * @param frame the frame
	 * @return whether the frame was queued
	 */
	boolean offer(Frame frame) {
		if (isClosing()) {
			return false;
		}
		return queue(frame);
	}

	/**
	 * Queues a frame of a message that was encoded after {@link #isClosing()} said no,
	 * applying the overflow policy when the queue is full (the queue itself refuses
	 * frames once the connection completed it).
	 * @param frame the frame
	 * @return whether the frame was queued
	 */
	boolean queue(Frame frame) {
		OutboundQueue.Offer offer = outbound.offer(frame);
		if (offer == OutboundQueue.Offer.OVERFLOW) {
			overflow();
		}
		return offer == OutboundQueue.Offer.ACCEPTED;
	}

	/**
	 * Encodes and queues a message, reporting it as sent when it was queued.
	 * @param message the message
	 */
	void send(WampMessage message) {
		if (isClosing()) {
			return;
		}
		if (queue(Frame.utf8(codec.encodeToUtf8(message)))) {
			listener.messagesSent(message.typeId(), 1);
		}
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
		prefixesForUpdate().put(prefix, uri);
		send(new WampMessage.Prefix(prefix, uri));
	}

	/**
	 * Defines a prefix the client sent, within the limit: redefining an existing prefix
	 * is always allowed, a new one only below {@link WampServerSettings#maxPrefixes()}.
	 * @param prefix the prefix
	 * @param uri its URI
	 * @return whether it was defined
	 */
	boolean definePrefix(String prefix, String uri) {
		Map<String, String> current = prefixMap();
		if (!current.containsKey(prefix) && current.size() >= settings.maxPrefixes()) {
			return false;
		}
		prefixesForUpdate().put(prefix, uri);
		return true;
	}

	@Override
	public String getUri(String curieOrUri) {
		return Curies.expand(curieOrUri, prefixMap());
	}

	// ---- closing

	@Override
	public boolean isClosing() {
		// As in BabDev's WebSocket Server, code that sets the attribute itself also stops
		// further sends.
		// (the derived value of the attribute is closing != 0: only a stored one can add)
		return closing != 0 || Boolean.TRUE.equals(attributes.getStored(Attributes.WEBSOCKET_CLOSING));
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

	/**
	 * Ends the outbound stream at once, discarding what is queued (the socket is gone).
	 */
	void abortOutbound() {
		outbound.abort();
	}

	/**
	 * Marks the connection closing with a status, once.
	 * @return whether this call marked it
	 */
	boolean markClosing(CloseStatus status) {
		if (!CLOSING.compareAndSet(this, 0, 1)) {
			return false;
		}
		closeStatus = status;
		// derived from the flag; stored only when application code had set or removed it
		if (!Boolean.TRUE.equals(attributes.get(Attributes.WEBSOCKET_CLOSING))) {
			attributes.set(Attributes.WEBSOCKET_CLOSING, true);
		}
		return true;
	}

	/**
	 * Cuts a close reason to the 123 bytes of UTF-8 a close frame carries, never
	 * splitting a character.
	 * @param reason the reason
	 * @return the reason, possibly shortened
	 */
	static String truncate(String reason) {
		byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= 123) {
			return reason;
		}
		int used = 0;
		int end = 0;
		while (end < reason.length()) {
			int codePoint = reason.codePointAt(end);
			int length = (codePoint < 0x80) ? 1 : (codePoint < 0x800) ? 2 : (codePoint < 0x10000) ? 3 : 4;
			if (used + length > 123) {
				break;
			}
			used += length;
			end += Character.charCount(codePoint);
		}
		return reason.substring(0, end);
	}

	@Override
	public String toString() {
		return "WampConnection[" + sessionId + "]";
	}

	/** The {@code wamp.subscriptions} attribute: a live read-only view. */
	private final class SubscriptionsView extends AbstractSet<String> {

		@Override
		public Iterator<String> iterator() {
			Iterator<String> delegate = subscriptions().iterator();
			// read-only: the iterator's remove is refused
			return new Iterator<>() {

				@Override
				public boolean hasNext() {
					return delegate.hasNext();
				}

				@Override
				public String next() {
					return delegate.next();
				}

			};
		}

		@Override
		public int size() {
			return subscriptions().size();
		}

		@Override
		public boolean contains(Object uri) {
			return subscriptions().contains(uri);
		}

	}

	/** The {@code wamp.prefixes} attribute: a live read-only view. */
	private final class PrefixesView extends AbstractMap<String, String> {

		@Override
		public Set<Map.Entry<String, String>> entrySet() {
			return java.util.Collections.unmodifiableMap(prefixMap()).entrySet();
		}

		@Override
		public @Nullable String get(Object prefix) {
			return prefixMap().get(prefix);
		}

		@Override
		public boolean containsKey(Object prefix) {
			return prefixMap().containsKey(prefix);
		}

		@Override
		public int size() {
			return prefixMap().size();
		}

	}

}
