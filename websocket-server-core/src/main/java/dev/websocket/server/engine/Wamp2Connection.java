package dev.websocket.server.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Consumer;

import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.Frame;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.wamp.codec.WampCodec;
import dev.websocket.server.wamp.message.WampMessage;
import dev.websocket.server.wamp2.codec.Wamp2Codec;
import dev.websocket.server.wamp2.message.Wamp2Message;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection of a WAMP v2 session: the same queue, limits, attributes and identity as
 * a v1 one, with the {@link dev.websocket.server.wamp.WampConnection} methods answered in
 * v2 messages (a call result as RESULT {@code [result]}, a call error as ERROR with the
 * description as {@code Arguments} and the details as {@code ArgumentsKw}, an event as
 * EVENT on the connection's subscription). v2 has no CURIEs: {@link #getUri} returns its
 * argument and {@link #prefix} sends nothing.
 */
final class Wamp2Connection extends DecoratedConnection {

	private static final Logger logger = LoggerFactory.getLogger(Wamp2Connection.class);

	/** The most events a subscribe hook may send the subscriber before SUBSCRIBED. */
	private static final int MAX_PENDING_EVENTS = 16;

	private final Wamp2Codec codec2;

	private final WampServerSettings settings;

	private final WampServerListener listener;

	private static final VarHandle SUBSCRIPTION_IDS = field("subscriptionIds");

	private static final VarHandle SUBSCRIBED_TOPICS = field("subscribedTopics");

	private static final VarHandle CANCELLERS = field("cancellers");

	private static final VarHandle INVOCATIONS = field("invocations");

	private static final VarHandle PATTERN_SUBSCRIPTIONS = field("patternSubscriptions");

	private static final AtomicLongFieldUpdater<Wamp2Connection> INVOCATION_IDS = AtomicLongFieldUpdater
		.newUpdater(Wamp2Connection.class, "invocationIds");

	// the maps below are created on first write (most sessions never need some of them,
	// and an idle session none): read them through read(...), write through created(...)

	/** Subscription id by topic URI, for events sent to this connection alone. */
	private volatile @Nullable Map<String, Long> subscriptionIds;

	/** Topic URI by subscription id, for UNSUBSCRIBE. */
	private volatile @Nullable Map<Long, String> subscribedTopics;

	/**
	 * The topic whose subscribe hook is running, and the events the hook sent this
	 * connection: they follow SUBSCRIBED, which cannot be sent before the hook accepted.
	 * Touched only by the connection's own message handling.
	 */
	private @Nullable String pendingTopic;

	private final List<Object> pendingEvents = new ArrayList<>(0);

	private volatile @Nullable String realm;

	private volatile @Nullable String authid;

	private volatile @Nullable String authrole;

	private volatile String authmethod = "anonymous";

	private volatile String authprovider = "static";

	/** Cancels a CALL in flight, by request id (the v1 call id in decimal). */
	private volatile @Nullable Map<String, Consumer<Boolean>> cancellers;

	/** This connection's INVOCATIONs awaiting YIELD, by the router's request id. */
	private volatile @Nullable Map<Long, Wamp2Callees.PendingInvocation> invocations;

	/** The last INVOCATION request id sent (session scope, sequential from 1). */
	private volatile long invocationIds;

	/** Whether the client announced {@code callee.features.call_canceling}. */
	private volatile boolean calleeCancels;

	/**
	 * The v2 handling of the message in the middleware chain; see {@link #passingChain}.
	 */
	private volatile @Nullable Runnable chainAction;

	/** Set once ABORT or GOODBYE was sent or received: no GOODBYE follows. */
	private volatile boolean ended;

	Wamp2Connection(String sessionId, HttpRequest request, WampCodec codec, Wamp2Codec codec2,
			WampServerSettings settings, WampServerListener listener) {
		super(sessionId, request, codec, settings, listener);
		this.codec2 = codec2;
		this.settings = settings;
		this.listener = listener;
	}

	@Override
	public int protocolVersion() {
		return 2;
	}

	Wamp2Codec codec2() {
		return codec2;
	}

	/** The realm joined, once WELCOME was sent. */
	@Nullable String realm() {
		return realm;
	}

	/**
	 * The session is open.
	 * @param realm the realm joined
	 * @param authid the authid announced in WELCOME
	 * @param authrole the authrole announced in WELCOME
	 * @param authmethod the authmethod announced in WELCOME
	 * @param authprovider the authprovider announced in WELCOME
	 * @param principal the user, when a login named one
	 */
	void joined(String realm, String authid, String authrole, String authmethod, String authprovider,
			@Nullable Principal principal) {
		this.authmethod = authmethod;
		this.authprovider = authprovider;
		this.realm = realm;
		this.authid = authid;
		this.authrole = authrole;
		if (principal != null) {
			authenticate(principal);
		}
	}

	/** The session ended by ABORT or GOODBYE; closing sends no GOODBYE of its own. */
	void ended() {
		ended = true;
	}

	/**
	 * Says GOODBYE first when the session is open ({@code wamp.close.system_shutdown} for
	 * 1001, else {@code wamp.close.normal}, the reason as its message), then closes once
	 * what is queued was written.
	 */
	@Override
	public void close(int code, String reason) {
		if (realm != null && !ended && !isClosing()) {
			ended = true;
			Map<String, ?> details = reason.isEmpty() ? Map.of() : Map.of("message", reason);
			send(new Wamp2Message.Goodbye(details,
					(code == CloseCodes.GOING_AWAY) ? Wamp2Errors.SYSTEM_SHUTDOWN : Wamp2Errors.CLOSE_NORMAL));
		}
		super.close(code, reason);
	}

	/** The authmethod announced in WELCOME. */
	String authmethod() {
		return authmethod;
	}

	/** The authprovider announced in WELCOME. */
	String authprovider() {
		return authprovider;
	}

	@Override
	@Nullable String authid() {
		return authid;
	}

	@Override
	@Nullable String authrole() {
		return authrole;
	}

	// ---- calls in flight, as caller

	/**
	 * A CALL of this connection can be cancelled.
	 * @param callId its id
	 * @param cancel how, told whether to answer the caller with ERROR
	 */
	void cancellable(String callId, Consumer<Boolean> cancel) {
		this.<String, Consumer<Boolean>>created(CANCELLERS).put(callId, cancel);
	}

	/** A CALL of this connection was answered. @param callId its id */
	void settled(String callId) {
		read(this.cancellers).remove(callId);
	}

	/**
	 * The caller asks to cancel a CALL.
	 * @param request the CALL's request id
	 * @param answer whether to answer with ERROR {@code wamp.error.canceled} (mode
	 * {@code kill}; for the other modes the client has given the call up already, and
	 * Autobahn|JS takes an ERROR for it as a protocol violation)
	 * @return whether a CALL in flight was found
	 */
	boolean cancel(long request, boolean answer) {
		Consumer<Boolean> cancel = read(this.cancellers).remove(Long.toString(request));
		if (cancel == null) {
			return false;
		}
		cancel.accept(answer);
		return true;
	}

	/** Answers a cancelled CALL with ERROR {@code wamp.error.canceled}. */
	void canceled(String callId) {
		send(new Wamp2Message.Error(Wamp2Message.CALL, Long.parseLong(callId), Map.of(), Wamp2Errors.CANCELED,
				List.of("The call was cancelled"), Map.of()));
	}

	/** A progressive result: RESULT with {@code progress: true} and {@code [value]}. */
	void progress(String callId, @Nullable Object value) {
		send(new Wamp2Message.Result(Long.parseLong(callId), Map.of("progress", true), Collections.singletonList(value),
				Map.of()));
	}

	/** The final RESULT after progressive ones: no arguments. */
	void progressDone(String callId) {
		send(new Wamp2Message.Result(Long.parseLong(callId), Map.of(), List.of(), Map.of()));
	}

	/**
	 * A RESULT with a payload as it is (a client callee's YIELD).
	 * @param request the CALL's request id
	 * @param progress whether it is progressive
	 * @param arguments the positional result
	 * @param argumentsKw the keyword result
	 */
	void result(long request, boolean progress, List<?> arguments, Map<String, ?> argumentsKw) {
		send(new Wamp2Message.Result(request, progress ? Map.of("progress", true) : Map.of(), arguments, argumentsKw));
	}

	// ---- invocations, as callee

	/** The next INVOCATION request id. */
	long nextInvocationId() {
		return INVOCATION_IDS.incrementAndGet(this);
	}

	/** This connection's INVOCATIONs awaiting YIELD (the map created on first use). */
	Map<Long, Wamp2Callees.PendingInvocation> invocations() {
		return created(INVOCATIONS);
	}

	/**
	 * Sets the handling of the message the middleware chain is passing on (see
	 * {@link Wamp2Session}); messages of one connection are handled one at a time.
	 * @param action what the end of the chain runs
	 */
	void passingChain(Runnable action) {
		this.chainAction = action;
	}

	/**
	 * Takes the handling the middleware chain was passing on, once.
	 * @return the action, or {@code null} when the chain's end took it already
	 */
	@Nullable Runnable takeChainAction() {
		Runnable action = this.chainAction;
		this.chainAction = null;
		return action;
	}

	/** Whether the callee handles INTERRUPT. */
	boolean calleeCancels() {
		return calleeCancels;
	}

	/**
	 * @param cancels whether the client announced callee call canceling
	 */
	void calleeCancels(boolean cancels) {
		this.calleeCancels = cancels;
	}

	// ---- pattern subscriptions

	/** Pattern key by subscription id. */
	private volatile @Nullable Map<Long, String> patternSubscriptions;

	void patternSubscribed(long id, String key) {
		this.<Long, String>created(PATTERN_SUBSCRIPTIONS).put(id, key);
	}

	@Nullable String patternUnsubscribed(long id) {
		return read(this.patternSubscriptions).remove(id);
	}

	java.util.Set<Long> patternSubscriptionIds() {
		return java.util.Set.copyOf(read(this.patternSubscriptions).keySet());
	}

	boolean isPatternSubscribed(long id) {
		return read(this.patternSubscriptions).containsKey(id);
	}

	/** The number of pattern subscriptions. */
	int patternSubscriptionCount() {
		return read(this.patternSubscriptions).size();
	}

	// ---- subscriptions by id

	/** A subscribe hook is about to run for this topic: hold the events it sends. */
	void subscribing(String uri) {
		pendingTopic = uri;
		pendingEvents.clear();
	}

	/**
	 * The subscription was accepted: answer SUBSCRIBED, then the events its hook sent.
	 * @param request the SUBSCRIBE's request id
	 * @param uri the topic
	 * @param subscriptionId its subscription id
	 */
	void subscribed(long request, String uri, long subscriptionId) {
		this.<String, Long>created(SUBSCRIPTION_IDS).put(uri, subscriptionId);
		this.<Long, String>created(SUBSCRIBED_TOPICS).put(subscriptionId, uri);
		pendingTopic = null;
		send(new Wamp2Message.Subscribed(request, subscriptionId));
		for (Object event : pendingEvents) {
			send(new Wamp2Message.Event(subscriptionId, Wamp2Ids.newId(), Map.of(), Collections.singletonList(event),
					Map.of()));
		}
		pendingEvents.clear();
	}

	/** The subscription was refused: the events its hook sent are dropped. */
	void refused() {
		pendingTopic = null;
		pendingEvents.clear();
	}

	@Nullable String topicOf(long subscriptionId) {
		return read(this.subscribedTopics).get(subscriptionId);
	}

	void unsubscribed(String uri) {
		Long id = read(this.subscriptionIds).remove(uri);
		if (id != null) {
			read(this.subscribedTopics).remove(id, uri);
		}
	}

	// ---- maps created on first write

	private static VarHandle field(String name) {
		try {
			return MethodHandles.lookup().findVarHandle(Wamp2Connection.class, name, Map.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/**
	 * The map in a field created on first write, created now if it was not.
	 * @param field the field's handle
	 */
	@SuppressWarnings("unchecked")
	private <K, V> Map<K, V> created(VarHandle field) {
		Object map = field.getVolatile(this);
		if (map == null) {
			Map<K, V> fresh = new ConcurrentHashMap<>();
			map = field.compareAndExchange(this, null, fresh);
			if (map == null) {
				map = fresh;
			}
		}
		return (Map<K, V>) map;
	}

	/**
	 * A map created on first write, for reading (and removing from): empty before.
	 * @param map the field's value
	 */
	private static <K, V> Map<K, V> read(@Nullable Map<K, V> map) {
		return (map != null) ? map : Collections.emptyMap();
	}

	// ---- sending

	/**
	 * Encodes and queues a v2 message, reporting it to the listener under its v1
	 * counterpart's type id (RESULT as CALLRESULT, ERROR as CALLERROR, EVENT as EVENT,
	 * WELCOME as WELCOME); the others are not counted per type.
	 * @param message the message
	 */
	void send(Wamp2Message message) {
		if (isClosing()) {
			return;
		}
		Frame frame = codec2.isBinary() ? new Frame.Binary(codec2.encodeToBytes(message))
				: Frame.text(codec2.encodeToText(message));
		if (queue(frame)) {
			int v1Type = v1TypeOf(message.typeId());
			if (v1Type >= 0) {
				listener.messagesSent(v1Type, 1);
			}
		}
	}

	private static int v1TypeOf(int v2Type) {
		return switch (v2Type) {
			case Wamp2Message.WELCOME -> WampMessage.WELCOME;
			case Wamp2Message.RESULT -> WampMessage.CALLRESULT;
			case Wamp2Message.ERROR -> WampMessage.CALLERROR;
			case Wamp2Message.EVENT -> WampMessage.EVENT;
			default -> -1;
		};
	}

	@Override
	void send(WampMessage message) {
		// only the WampConnection methods below produce v1 messages, and they are
		// overridden
		logger.debug("v1 message {} not sent to WAMP v2 session {}", message.typeId(), v2SessionId());
	}

	@Override
	public void callResult(String callId, @Nullable Object result) {
		send(new Wamp2Message.Result(Long.parseLong(callId), Map.of(), Collections.singletonList(result), Map.of()));
	}

	@Override
	public void callError(String callId, String errorUri, String description, @Nullable Object details) {
		send(error(Wamp2Message.CALL, Long.parseLong(callId), Wamp2Errors.toV2(errorUri, settings.errors()),
				description, details));
	}

	/**
	 * An ERROR for a request: the description as the only positional argument, map
	 * details as keyword arguments, other details as a {@code details} keyword.
	 */
	static Wamp2Message.Error error(int requestType, long request, String errorUri, String description,
			@Nullable Object details) {
		Map<String, ?> kwargs;
		if (details == null) {
			kwargs = Map.of();
		}
		else if (details instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)) {
			@SuppressWarnings("unchecked")
			Map<String, ?> typed = (Map<String, ?>) map;
			kwargs = typed;
		}
		else {
			kwargs = Collections.singletonMap("details", details);
		}
		return new Wamp2Message.Error(requestType, request, Map.of(), errorUri, List.of(description), kwargs);
	}

	@Override
	public void event(String topicUri, @Nullable Object event) {
		Long subscription = read(this.subscriptionIds).get(topicUri);
		if (subscription == null && topicUri.equals(pendingTopic)) {
			if (pendingEvents.size() < MAX_PENDING_EVENTS) {
				pendingEvents.add(event);
			}
			return;
		}
		if (subscription == null) {
			// v2 delivers events on subscriptions only
			logger.debug("Event on {} not sent to WAMP v2 session {}: not subscribed", topicUri, v2SessionId());
			return;
		}
		send(new Wamp2Message.Event(subscription, Wamp2Ids.newId(), Map.of(), Collections.singletonList(event),
				Map.of()));
	}

	@Override
	public void prefix(String prefix, String uri) {
		logger.debug("PREFIX {} not sent to WAMP v2 session {}: v2 has no CURIEs", prefix, v2SessionId());
	}

	@Override
	public String getUri(String curieOrUri) {
		return curieOrUri;
	}

	@Override
	public String toString() {
		return "WampConnection[v2 " + v2SessionId() + "]";
	}

}
