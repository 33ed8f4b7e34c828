package dev.websocket.server.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.engine.WampServerListener.IgnoredReason;
import dev.websocket.server.wamp.message.WampMessage;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp2.auth.Wamp2Authentication;
import dev.websocket.server.wamp2.codec.Wamp2Codec;
import dev.websocket.server.wamp2.codec.Wamp2ProtocolException;
import dev.websocket.server.wamp2.message.Wamp2Message;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The router side of one WAMP v2 session (Basic Profile), on the engine's routes, topics,
 * broker, authorizer, limits and listener. States: establishing (only HELLO, or ABORT, is
 * accepted), challenging (a CHALLENGE was sent: only AUTHENTICATE, or ABORT), failing (a
 * login failed and its ABORT waits for the failure delay: what arrives is dropped) and
 * open; a GOODBYE is answered with GOODBYE and the socket closes, and the router says
 * GOODBYE itself before it closes an open session. Anything out of place or malformed is
 * a protocol violation: ABORT {@code wamp.error.protocol_violation}, then the socket
 * closes with 1002; no other session is affected. The middleware chain's {@code onOpen},
 * {@code onClose} and {@code onError} run as for v1; its {@code onMessage} sees CALL,
 * PUBLISH, SUBSCRIBE and UNSUBSCRIBE in their v1 view (see {@link #open}).
 */
final class Wamp2Session extends ServerSession {

	private static final Logger logger = LoggerFactory.getLogger(Wamp2Session.class);

	/** The WebSocket close code after a protocol violation. */
	static final int PROTOCOL_ERROR = 1002;

	/** The first URI component reserved for the protocol's own URIs. */
	private static final String RESERVED_PREFIX = "wamp.";

	private enum State {

		ESTABLISHING, CHALLENGING, FAILING, OPEN

	}

	private final Wamp2Connection connection;

	private final SessionContext context;

	private final Wamp2Settings protocols;

	private final Wamp2Callees callees;

	private final Wamp2Meta meta;

	private final Wamp2Login login;

	private final Scheduler timer;

	/** The realm of the HELLO being authenticated. */
	private @Nullable String pendingRealm;

	/** The challenge awaiting AUTHENTICATE, while challenging. */
	private Wamp2Login.@Nullable Pending pendingLogin;

	/** The size of the message being handled, for the PUBLISH budget. */
	private int messageSize;

	/** Changed only by the connection's message handling, which is sequential. */
	private volatile State state = State.ESTABLISHING;

	Wamp2Session(Wamp2Connection connection, SessionContext context, Wamp2Settings protocols, Wamp2Callees callees,
			Wamp2Meta meta, Wamp2Authentication authentication, Scheduler timer) {
		super(connection, context, connection.codec2().subprotocol());
		this.connection = connection;
		this.context = context;
		this.protocols = protocols;
		this.callees = callees;
		this.meta = meta;
		this.login = new Wamp2Login(authentication, context.codec().mapper());
		this.timer = timer;
	}

	@Override
	public void receiveText(String text) {
		if (connection.isClosing()) {
			return;
		}
		Wamp2Codec codec = connection.codec2();
		if (codec.isBinary()) {
			violation("text frame on a " + codec.subprotocol() + " session");
			return;
		}
		if (text.length() > context.settings().maxMessageSize()) {
			connection.close(CloseCodes.MESSAGE_TOO_BIG,
					"Message too big: over " + context.settings().maxMessageSize() + " characters");
			return;
		}
		messageSize = text.length();
		decodeAndHandle(() -> codec.decodeFromClient(text));
	}

	@Override
	public void receiveBinary() {
		violation("binary frame on a " + connection.codec2().subprotocol() + " session");
	}

	@Override
	public void receiveBinary(byte[] data) {
		if (connection.isClosing()) {
			return;
		}
		Wamp2Codec codec = connection.codec2();
		if (!codec.isBinary()) {
			receiveBinary();
			return;
		}
		if (data.length > context.settings().maxMessageSize()) {
			connection.close(CloseCodes.MESSAGE_TOO_BIG,
					"Message too big: over " + context.settings().maxMessageSize() + " bytes");
			return;
		}
		messageSize = data.length;
		decodeAndHandle(() -> codec.decodeFromClient(data));
	}

	/**
	 * Decodes one message (text or binary, the codec's own) and handles it; a malformed
	 * one is a protocol violation, and a decoder failure is logged as the server fault it
	 * is.
	 */
	private void decodeAndHandle(Supplier<Wamp2Message> decode) {
		Wamp2Message message;
		try {
			message = decode.get();
		}
		catch (Wamp2ProtocolException ex) {
			violation(ex.getMessage());
			return;
		}
		catch (RuntimeException ex) {
			logger.warn("Decoding a message from WAMP v2 session {} failed unexpectedly", connection.v2SessionId(), ex);
			violation("invalid message");
			return;
		}
		handle(message);
	}

	private void handle(Wamp2Message message) {
		try {
			switch (state) {
				case ESTABLISHING -> establishing(message);
				case CHALLENGING -> challenging(message);
				case FAILING -> failing(message);
				case OPEN -> open(message);
			}
		}
		catch (Wamp2ProtocolException ex) {
			violation(ex.getMessage());
		}
		catch (Throwable ex) {
			logger.error("Handling a message from WAMP v2 session {} failed", connection.v2SessionId(), ex);
			error(ex);
		}
	}

	// ---- establishing

	private void establishing(Wamp2Message message) {
		if (message instanceof Wamp2Message.Hello hello) {
			hello(hello);
		}
		else if (message instanceof Wamp2Message.Abort) {
			connection.ended();
			connection.close(CloseCodes.NORMAL, "");
		}
		else if (message instanceof Wamp2Message.Authenticate) {
			violation("AUTHENTICATE without a CHALLENGE");
		}
		else {
			violation(name(message) + " before WELCOME");
		}
	}

	private void hello(Wamp2Message.Hello hello) {
		if (!protocols.realms().contains(hello.realm())) {
			abort(Wamp2Errors.NO_SUCH_REALM, "No such realm: " + hello.realm(), CloseCodes.NORMAL);
			return;
		}
		JsonNode cancels = hello.details().at("/roles/callee/features/call_canceling");
		connection.calleeCancels(cancels.isBoolean() && cancels.booleanValue());
		Wamp2Login.Outcome outcome = login.hello(connection, hello.details());
		if (outcome instanceof Wamp2Login.Welcome welcome) {
			welcome(hello.realm(), welcome);
		}
		else if (outcome instanceof Wamp2Login.Challenge challenge) {
			pendingRealm = hello.realm();
			pendingLogin = challenge.pending();
			state = State.CHALLENGING;
			connection.send(challenge.message());
		}
		else if (outcome instanceof Wamp2Login.Refused refused) {
			abort(Wamp2Errors.NO_MATCHING_AUTH_METHOD, refused.message(), CloseCodes.NORMAL);
		}
	}

	// ---- challenging

	private void challenging(Wamp2Message message) {
		if (message instanceof Wamp2Message.Authenticate authenticate) {
			authenticate(authenticate);
		}
		else if (message instanceof Wamp2Message.Abort) {
			connection.ended();
			connection.close(CloseCodes.NORMAL, "");
		}
		else {
			violation(name(message) + " while authenticating");
		}
	}

	/**
	 * One try per CHALLENGE: a failed one is answered with ABORT
	 * {@code wamp.error.not_authorized} only after the failure delay (scheduled, never
	 * slept on), and nothing the client sends meanwhile is handled.
	 */
	private void authenticate(Wamp2Message.Authenticate authenticate) {
		Wamp2Login.Pending pending = pendingLogin;
		String realm = pendingRealm;
		pendingLogin = null;
		pendingRealm = null;
		Wamp2Login.Welcome welcome = (pending != null && realm != null)
				? login.authenticate(pending, authenticate.signature()) : null;
		if (welcome != null && realm != null) {
			welcome(realm, welcome);
			return;
		}
		state = State.FAILING;
		Mono.delay(login.nextFailureDelay(), timer)
			.subscribe((tick) -> abort(Wamp2Errors.NOT_AUTHORIZED, "Authentication failed", CloseCodes.NORMAL));
	}

	private void failing(Wamp2Message message) {
		if (message instanceof Wamp2Message.Abort) {
			connection.ended();
			connection.close(CloseCodes.NORMAL, "");
			return;
		}
		logger.debug("{} from WAMP v2 session {} dropped: its login failed", name(message), connection.v2SessionId());
	}

	private void welcome(String realm, Wamp2Login.Welcome welcome) {
		connection.joined(realm, welcome.authid(), welcome.authrole(), welcome.authmethod(), welcome.authprovider(),
				welcome.principal());
		state = State.OPEN;
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("realm", realm);
		details.put("authid", welcome.authid());
		details.put("authrole", welcome.authrole());
		details.put("authmethod", welcome.authmethod());
		details.put("authprovider", welcome.authprovider());
		details.put("agent", context.settings().serverIdent());
		details.put("roles", Wamp2Roles.ROUTER);
		connection.send(new Wamp2Message.Welcome(connection.v2SessionId(), details));
		meta.joined(connection);
	}

	// ---- open

	/**
	 * A CALL, PUBLISH, SUBSCRIBE or UNSUBSCRIBE (of a topic) goes through the middleware
	 * chain's {@code onMessage} in its v1 view first, as a v1 message does: a layer sees
	 * what is called, published or subscribed to, and may stop it by not passing it on,
	 * when the client is answered with ERROR {@code wamp.error.not_authorized} (an
	 * unacknowledged PUBLISH with nothing). A layer that passes on another message does
	 * not change what the session handles, and the chain must be passed on before
	 * {@code onMessage} returns.
	 */
	private void open(Wamp2Message message) {
		WampMessage view = v1View(message);
		if (view == null) {
			handleOpen(message);
			return;
		}
		connection.passingChain(() -> handleOpen(message));
		context.chain().onMessage(connection, view);
		if (connection.takeChainAction() != null) {
			stoppedByMiddleware(message);
		}
	}

	/** The v1 message a layer of the middleware chain sees, or {@code null} for none. */
	private @Nullable WampMessage v1View(Wamp2Message message) {
		if (message instanceof Wamp2Message.Call call) {
			return new WampMessage.Call(Long.toString(call.request()), call.procedure(), call.arguments());
		}
		if (message instanceof Wamp2Message.Subscribe subscribe) {
			return new WampMessage.Subscribe(subscribe.topic());
		}
		if (message instanceof Wamp2Message.Unsubscribe unsubscribe) {
			String uri = connection.topicOf(unsubscribe.subscription());
			return (uri != null) ? new WampMessage.Unsubscribe(uri) : null;
		}
		if (message instanceof Wamp2Message.Publish publish) {
			return new WampMessage.Publish(publish.topic(), v1Event(publish), null, null, null);
		}
		return null;
	}

	/** The v1 event of a PUBLISH, by the cross-version payload rule. */
	private static JsonNode v1Event(Wamp2Message.Publish publish) {
		if (publish.arguments().size() == 1 && publish.argumentsKw().isEmpty()) {
			return publish.arguments().get(0);
		}
		ObjectNode both = JsonNodeFactory.instance.objectNode();
		both.putArray("args").addAll(publish.arguments());
		both.putObject("kwargs").setAll(publish.argumentsKw());
		return both;
	}

	private void stoppedByMiddleware(Wamp2Message message) {
		String description = "Stopped by the server";
		if (message instanceof Wamp2Message.Call call) {
			error(Wamp2Message.CALL, call.request(), Wamp2Errors.NOT_AUTHORIZED, description);
		}
		else if (message instanceof Wamp2Message.Subscribe subscribe) {
			error(Wamp2Message.SUBSCRIBE, subscribe.request(), Wamp2Errors.NOT_AUTHORIZED, description);
		}
		else if (message instanceof Wamp2Message.Unsubscribe unsubscribe) {
			error(Wamp2Message.UNSUBSCRIBE, unsubscribe.request(), Wamp2Errors.NOT_AUTHORIZED, description);
		}
		else if (message instanceof Wamp2Message.Publish publish) {
			JsonNode acknowledge = publish.options().get("acknowledge");
			if (acknowledge != null && acknowledge.isBoolean() && acknowledge.booleanValue()) {
				error(Wamp2Message.PUBLISH, publish.request(), Wamp2Errors.NOT_AUTHORIZED, description);
			}
		}
	}

	private void handleOpen(Wamp2Message message) {
		if (message instanceof Wamp2Message.Call call) {
			call(call);
		}
		else if (message instanceof Wamp2Message.Publish publish) {
			publish(publish);
		}
		else if (message instanceof Wamp2Message.Subscribe subscribe) {
			subscribe(subscribe);
		}
		else if (message instanceof Wamp2Message.Unsubscribe unsubscribe) {
			unsubscribe(unsubscribe);
		}
		else if (message instanceof Wamp2Message.Goodbye) {
			connection.ended();
			connection.send(new Wamp2Message.Goodbye(Map.of(), Wamp2Errors.GOODBYE_AND_OUT));
			connection.close(CloseCodes.NORMAL, "");
		}
		else if (message instanceof Wamp2Message.Abort) {
			connection.ended();
			connection.close(CloseCodes.NORMAL, "");
		}
		else if (message instanceof Wamp2Message.Register register) {
			register(register);
		}
		else if (message instanceof Wamp2Message.Unregister unregister) {
			unregister(unregister);
		}
		else if (message instanceof Wamp2Message.Yield yield) {
			callees.yielded(connection, yield);
		}
		else if (message instanceof Wamp2Message.Error error) {
			callees.failed(connection, error);
		}
		else if (message instanceof Wamp2Message.Cancel cancel) {
			// a CALL already answered is not an error: the answer crossed the CANCEL
			JsonNode mode = cancel.options().get("mode");
			connection.cancel(cancel.request(), mode != null && "kill".equals(mode.asString()));
		}
		else {
			violation(name(message) + " on an open session");
		}
	}

	// ---- CALL

	private void call(Wamp2Message.Call call) {
		if (!isValidUri(Wamp2Message.CALL, call.request(), "procedure", call.procedure(), false, false, true)) {
			return;
		}
		String callId = Long.toString(call.request());
		context.listener()
			.messageReceived(connection, new WampMessage.Call(callId, call.procedure(), call.arguments()));
		CallOptions options;
		try {
			options = callOptions(call.options());
		}
		catch (IllegalArgumentException ex) {
			error(Wamp2Message.CALL, call.request(), Wamp2Errors.INVALID_ARGUMENT, String.valueOf(ex.getMessage()));
			return;
		}
		context.calls().call(connection, callId, call.procedure(), call.arguments(), call.argumentsKw(), options);
	}

	/**
	 * A CALL's options: {@code receive_progress}, {@code timeout} (milliseconds, 0 for
	 * none) and {@code disclose_me}.
	 * @throws IllegalArgumentException naming an option of the wrong type
	 */
	private static CallOptions callOptions(JsonNode options) {
		boolean progress = flag(options, "receive_progress", false);
		boolean discloseMe = flag(options, "disclose_me", false);
		JsonNode timeout = options.get("timeout");
		Duration duration = null;
		if (timeout != null) {
			if (!timeout.isIntegralNumber() || !timeout.canConvertToLong() || timeout.longValue() < 0) {
				throw new IllegalArgumentException("Option timeout must be a number of milliseconds");
			}
			duration = Duration.ofMillis(timeout.longValue());
		}
		return new CallOptions(progress, duration, discloseMe);
	}

	// ---- REGISTER / UNREGISTER

	private void register(Wamp2Message.Register register) {
		String uri = register.procedure();
		if (!isValidUri(Wamp2Message.REGISTER, register.request(), "procedure", uri, false, true, true)) {
			return;
		}
		JsonNode match = register.options().get("match");
		if (match != null && !(match.isString() && Wamp2Ids.EXACT.equals(match.stringValue()))) {
			error(Wamp2Message.REGISTER, register.request(), Wamp2Errors.INVALID_ARGUMENT,
					"Unsupported match policy: " + match);
			return;
		}
		if (context.calls().isServed(uri) || callees.isRegistered(uri)) {
			error(Wamp2Message.REGISTER, register.request(), Wamp2Errors.PROCEDURE_ALREADY_EXISTS,
					"The procedure has an owner: " + uri);
			return;
		}
		if (!context.calls().mayRegister(connection, uri)) {
			error(Wamp2Message.REGISTER, register.request(), Wamp2Errors.NOT_AUTHORIZED, "Not authorized: " + uri);
			return;
		}
		if (callees.count(connection) >= protocols.maxRegistrations()) {
			error(Wamp2Message.REGISTER, register.request(), Wamp2Errors.LIMIT_REACHED, "Registration limit reached");
			return;
		}
		Wamp2Callees.Registration registration = callees.register(connection, uri);
		if (registration == null) {
			error(Wamp2Message.REGISTER, register.request(), Wamp2Errors.PROCEDURE_ALREADY_EXISTS,
					"The procedure has an owner: " + uri);
			return;
		}
		// over a distributed broker the name is claimed across nodes first
		callees.activate(registration, (claimed) -> {
			if (claimed) {
				connection.send(new Wamp2Message.Registered(register.request(), registration.id()));
			}
			else {
				error(Wamp2Message.REGISTER, register.request(), Wamp2Errors.PROCEDURE_ALREADY_EXISTS,
						"The procedure has an owner on another node: " + uri);
			}
		});
	}

	private void unregister(Wamp2Message.Unregister unregister) {
		if (!callees.unregister(connection, unregister.registration())) {
			error(Wamp2Message.UNREGISTER, unregister.request(), Wamp2Errors.NO_SUCH_REGISTRATION,
					"No such registration: " + unregister.registration());
			return;
		}
		connection.send(new Wamp2Message.Unregistered(unregister.request()));
	}

	@Override
	public void closed(CloseStatus status) {
		callees.calleeLeft(connection);
		context.subscriptions().patterns().leaveAll(connection);
		super.closed(status);
	}

	// ---- SUBSCRIBE / UNSUBSCRIBE

	private void subscribe(Wamp2Message.Subscribe subscribe) {
		String uri = subscribe.topic();
		JsonNode match = subscribe.options().get("match");
		// a wildcard pattern's empty components match any; a prefix may end with one
		boolean pattern = match != null && match.isString() && Wamp2Patterns.isPattern(match.stringValue());
		if (!isValidUri(Wamp2Message.SUBSCRIBE, subscribe.request(), "topic", uri, pattern, false, true)) {
			return;
		}
		WampMessage.Subscribe v1 = new WampMessage.Subscribe(uri);
		context.listener().messageReceived(connection, v1);
		if (match != null && match.isString() && Wamp2Patterns.isPattern(match.stringValue())) {
			subscribePattern(subscribe, match.stringValue());
			return;
		}
		if (match != null && !(match.isString() && Wamp2Ids.EXACT.equals(match.stringValue()))) {
			error(Wamp2Message.SUBSCRIBE, subscribe.request(), Wamp2Errors.INVALID_ARGUMENT,
					"Unsupported match policy: " + match);
			return;
		}
		long subscriptionId = Wamp2Ids.subscriptionId(Wamp2Ids.EXACT, uri);
		if (connection.subscriptions().contains(uri)) {
			connection.send(new Wamp2Message.Subscribed(subscribe.request(), subscriptionId));
			return;
		}
		connection.subscribing(uri);
		IgnoredReason refused = context.subscriptions()
			.subscribe(connection, v1, () -> connection.subscribed(subscribe.request(), uri, subscriptionId));
		if (refused != null) {
			connection.refused();
			connection.unsubscribed(uri);
			error(Wamp2Message.SUBSCRIBE, subscribe.request(), errorUri(refused), description(refused, uri));
		}
	}

	/**
	 * A {@code prefix} or {@code wildcard} subscription: authorized on the pattern,
	 * counted against the subscription limit, SUBSCRIBED sent before any EVENT.
	 */
	private void subscribePattern(Wamp2Message.Subscribe subscribe, String match) {
		String pattern = subscribe.topic();
		Wamp2Patterns patterns = context.subscriptions().patterns();
		if (!context.subscriptions().mayPatternSubscribe(connection, pattern)) {
			error(Wamp2Message.SUBSCRIBE, subscribe.request(), Wamp2Errors.NOT_AUTHORIZED,
					"Not authorized: " + pattern);
			return;
		}
		long id = Wamp2Patterns.id(match, pattern);
		if (connection.topicOf(id) == null && !connection.isPatternSubscribed(id) && connection.subscriptions().size()
				+ connection.patternSubscriptionCount() >= context.settings().maxSubscriptions()) {
			error(Wamp2Message.SUBSCRIBE, subscribe.request(), Wamp2Errors.LIMIT_REACHED, "Subscription limit reached");
			return;
		}
		connection.send(new Wamp2Message.Subscribed(subscribe.request(), id));
		patterns.join(connection, match, pattern);
	}

	private void unsubscribe(Wamp2Message.Unsubscribe unsubscribe) {
		if (context.subscriptions().patterns().leave(connection, unsubscribe.subscription())) {
			connection.send(new Wamp2Message.Unsubscribed(unsubscribe.request()));
			return;
		}
		String uri = connection.topicOf(unsubscribe.subscription());
		if (uri == null || !connection.subscriptions().contains(uri)) {
			error(Wamp2Message.UNSUBSCRIBE, unsubscribe.request(), Wamp2Errors.NO_SUCH_SUBSCRIPTION,
					"No such subscription: " + unsubscribe.subscription());
			return;
		}
		context.listener().messageReceived(connection, new WampMessage.Unsubscribe(uri));
		context.subscriptions().leave(connection, uri);
		connection.unsubscribed(uri);
		connection.send(new Wamp2Message.Unsubscribed(unsubscribe.request()));
	}

	// ---- PUBLISH

	private void publish(Wamp2Message.Publish publish) {
		JsonNode options = publish.options();
		boolean acknowledge;
		try {
			acknowledge = flag(options, "acknowledge", false);
		}
		catch (IllegalArgumentException ex) {
			// the client asked for something: an answer it can match to the request
			error(Wamp2Message.PUBLISH, publish.request(), Wamp2Errors.INVALID_ARGUMENT,
					String.valueOf(ex.getMessage()));
			return;
		}
		if (!isValidUri(Wamp2Message.PUBLISH, publish.request(), "topic", publish.topic(), false, true, acknowledge)) {
			return;
		}
		Publication publication;
		boolean excludeMe;
		try {
			excludeMe = flag(options, "exclude_me", true);
			publication = publication(publish, excludeMe);
		}
		catch (IllegalArgumentException ex) {
			context.listener()
				.messageIgnored(connection,
						new WampMessage.Publish(publish.topic(), NullNode.getInstance(), null, null, null),
						IgnoredReason.DROPPED);
			if (acknowledge) {
				error(Wamp2Message.PUBLISH, publish.request(), Wamp2Errors.INVALID_ARGUMENT,
						String.valueOf(ex.getMessage()));
			}
			return;
		}
		JsonNode event = (publication.event() instanceof JsonNode node) ? node : NullNode.getInstance();
		WampMessage.Publish v1 = new WampMessage.Publish(publish.topic(), event, excludeMe, null, null);
		context.listener().messageReceived(connection, v1);
		if (!withinPublishBudget(messageSize)) {
			// the same budget as v1: dropped (or the publisher closed), never its readers
			if (acknowledge && !connection.isClosing()) {
				error(Wamp2Message.PUBLISH, publish.request(), Wamp2Errors.LIMIT_REACHED, "Over the PUBLISH budget");
			}
			overPublishBudget(v1);
			return;
		}
		IgnoredReason refused = context.subscriptions().publish(connection, v1, publication);
		if (!acknowledge) {
			return;
		}
		if (refused == null) {
			Publication.Wamp2 wamp2 = publication.wamp2();
			connection.send(new Wamp2Message.Published(publish.request(), (wamp2 != null) ? wamp2.publicationId() : 0));
		}
		else {
			error(Wamp2Message.PUBLISH, publish.request(), errorUri(refused), description(refused, publish.topic()));
		}
	}

	/**
	 * The publication a PUBLISH asks for, with the cross-version payload rule: exactly
	 * one positional argument and no keyword arguments is the v1 event itself; anything
	 * else reaches v1 subscribers as {@code {"args": [...], "kwargs": {...}}} and v2
	 * subscribers as published.
	 * @throws IllegalArgumentException naming an option of the wrong type
	 */
	private Publication publication(Wamp2Message.Publish publish, boolean excludeMe) {
		JsonNode options = publish.options();
		Set<String> exclude = new HashSet<>(sessionIds(options, "exclude"));
		if (excludeMe) {
			exclude.add(connection.sessionId());
		}
		List<String> eligibleIds = options.has("eligible") ? sessionIds(options, "eligible") : null;
		Set<String> eligible = (eligibleIds != null) ? Set.copyOf(eligibleIds) : null;
		boolean discloseMe = flag(options, "disclose_me", false);
		boolean single = publish.arguments().size() == 1 && publish.argumentsKw().isEmpty();
		JsonNode event;
		if (single) {
			event = publish.arguments().get(0);
		}
		else {
			ObjectNode both = JsonNodeFactory.instance.objectNode();
			both.putArray("args").addAll(publish.arguments());
			both.putObject("kwargs").setAll(publish.argumentsKw());
			event = both;
		}
		Publication.Wamp2 wamp2 = new Publication.Wamp2(Wamp2Ids.newId(), single ? null : publish.arguments(),
				single ? Map.of() : publish.argumentsKw(), discloseMe ? connection.v2SessionId() : 0,
				discloseMe ? connection.authid() : null, discloseMe ? connection.authrole() : null,
				Set.copyOf(strings(options, "exclude_authid")), optionalStrings(options, "eligible_authid"),
				Set.copyOf(strings(options, "exclude_authrole")), optionalStrings(options, "eligible_authrole"));
		return new Publication(publish.topic(), event, exclude, eligible, null, wamp2);
	}

	/**
	 * The v2 session ids of an option as exclude/eligible name them: in decimal, which
	 * names the session whichever generation it speaks.
	 */
	private static List<String> sessionIds(JsonNode options, String name) {
		JsonNode node = options.get(name);
		if (node == null) {
			return List.of();
		}
		if (!node.isArray()) {
			throw new IllegalArgumentException("Option " + name + " must be a list of session ids");
		}
		List<String> ids = new ArrayList<>(node.size());
		for (JsonNode element : node) {
			if (!element.isIntegralNumber() || !element.canConvertToLong() || element.longValue() < 1
					|| element.longValue() > Wamp2Message.MAX_ID) {
				throw new IllegalArgumentException("Option " + name + " must be a list of session ids");
			}
			ids.add(Long.toString(element.longValue()));
		}
		return ids;
	}

	private static List<String> strings(JsonNode options, String name) {
		JsonNode node = options.get(name);
		if (node == null) {
			return List.of();
		}
		if (!node.isArray()) {
			throw new IllegalArgumentException("Option " + name + " must be a list of strings");
		}
		List<String> values = new ArrayList<>(node.size());
		for (JsonNode element : node) {
			if (!element.isString()) {
				throw new IllegalArgumentException("Option " + name + " must be a list of strings");
			}
			values.add(element.stringValue());
		}
		return values;
	}

	private static @Nullable Set<String> optionalStrings(JsonNode options, String name) {
		return options.has(name) ? Set.copyOf(strings(options, name)) : null;
	}

	/**
	 * A boolean option.
	 * @throws IllegalArgumentException when present and not a boolean
	 */
	static boolean flag(JsonNode options, String name, boolean defaultValue) {
		JsonNode node = options.get(name);
		if (node == null) {
			return defaultValue;
		}
		if (!node.isBoolean()) {
			throw new IllegalArgumentException("Option " + name + " must be a boolean");
		}
		return node.booleanValue();
	}

	private static String errorUri(IgnoredReason reason) {
		return switch (reason) {
			case NO_SUCH_TOPIC -> Wamp2Errors.NO_SUCH_TOPIC;
			case NOT_AUTHORIZED, REFUSED -> Wamp2Errors.NOT_AUTHORIZED;
			case LIMIT_REACHED -> Wamp2Errors.LIMIT_REACHED;
			case NOT_SUBSCRIBED -> Wamp2Errors.NO_SUCH_SUBSCRIPTION;
			case DROPPED -> Wamp2Errors.NOT_AUTHORIZED;
			case OVER_BUDGET -> Wamp2Errors.LIMIT_REACHED;
		};
	}

	private static String description(IgnoredReason reason, String uri) {
		return switch (reason) {
			case NO_SUCH_TOPIC -> "No topic handler for " + uri;
			case NOT_AUTHORIZED -> "Not authorized: " + uri;
			case REFUSED -> "Refused by the topic: " + uri;
			case LIMIT_REACHED -> "Subscription limit reached";
			case NOT_SUBSCRIBED -> "Not subscribed: " + uri;
			case DROPPED -> "Dropped by the topic: " + uri;
			case OVER_BUDGET -> "Over the PUBLISH budget";
		};
	}

	// ---- answers and endings

	/**
	 * Checks the topic or procedure of a request ({@link Wamp2Codec#uriProblem}; the
	 * specification answers an invalid URI with ERROR {@code wamp.error.invalid_uri}, not
	 * with ABORT).
	 * @param requestType the request's message type
	 * @param request the request id
	 * @param what "topic" or "procedure"
	 * @param uri the URI
	 * @param emptyComponents whether empty components are allowed (patterns)
	 * @param application whether the URI must be an application's: a client may not
	 * register or publish under {@code wamp.}, which names the protocol's own procedures
	 * and topics (the session meta events)
	 * @param answer whether to answer an invalid one (an unacknowledged PUBLISH is not)
	 * @return whether it is valid
	 */
	private boolean isValidUri(int requestType, long request, String what, String uri, boolean emptyComponents,
			boolean application, boolean answer) {
		String problem = connection.codec2().uriProblem(uri, emptyComponents);
		if (problem == null && application && uri.startsWith(RESERVED_PREFIX)) {
			problem = "is reserved for the protocol (" + RESERVED_PREFIX + ")";
		}
		if (problem == null) {
			return true;
		}
		logger.debug("WAMP v2 session {}: invalid {} URI ({})", connection.v2SessionId(), what, problem);
		if (answer) {
			error(requestType, request, Wamp2Errors.INVALID_URI, "The " + what + " URI " + problem);
		}
		return false;
	}

	private void error(int requestType, long request, String errorUri, String description) {
		connection.send(Wamp2Connection.error(requestType, request, errorUri, description, null));
	}

	/** Ends the session: ABORT with a reason, then the socket closes with that code. */
	private void abort(String reason, String message, int closeCode) {
		logger.debug("Aborting WAMP v2 session {}: {} ({})", connection.v2SessionId(), reason, message);
		connection.ended();
		connection.send(new Wamp2Message.Abort(Map.of("message", message), reason));
		connection.close(closeCode, message);
	}

	private void violation(String reason) {
		context.listener().error(connection, new Wamp2ProtocolException(reason));
		abort(Wamp2Errors.PROTOCOL_VIOLATION, reason, PROTOCOL_ERROR);
	}

	private static String name(Wamp2Message message) {
		return message.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
	}

	@Override
	public String toString() {
		return "TransportSession[v2 " + connection.v2SessionId() + "]";
	}

}
