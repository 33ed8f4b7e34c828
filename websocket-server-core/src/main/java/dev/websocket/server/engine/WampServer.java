package dev.websocket.server.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

import dev.websocket.server.broker.Broker;
import dev.websocket.server.broker.CalleeRelay;
import dev.websocket.server.broker.InMemoryBroker;
import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.middleware.HandshakeRejectedException;
import dev.websocket.server.middleware.Middleware;
import dev.websocket.server.middleware.SubprotocolMiddleware;
import dev.websocket.server.wamp.codec.WampCodec;
import dev.websocket.server.wamp.message.WampMessage;
import dev.websocket.server.wamp.routing.UriPattern;
import dev.websocket.server.wamp.routing.UriRouter;
import dev.websocket.server.wamp.rpc.RpcHandler;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.Topic;
import dev.websocket.server.wamp.topic.TopicHandler;
import dev.websocket.server.wamp2.auth.Wamp2Authentication;
import dev.websocket.server.wamp2.codec.Wamp2Codec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;
import dev.websocket.server.support.RandomIds;

/**
 * A WAMP server (v1 and v2 on the same routes and topics, the protocol chosen per socket
 * by the client's order of preference), independent of any transport: a transport
 * {@link #open opens} a {@link TransportSession} per socket and feeds it what arrives;
 * the server runs the middleware chain, keeps topics and subscriptions, dispatches CALLs
 * and publications, and pings idle peers. Build one with {@link #builder()}; thread-safe.
 *
 * <p>
 * What a transport does: call {@link #open} while answering the upgrade request (a
 * {@link HandshakeRejectedException} becomes that HTTP status); write
 * {@link TransportSession#outbound()} to the socket and, when it completes, close the
 * socket with {@link TransportSession#closeStatus()}; report what arrives on one session
 * one message at a time, in arrival order (different sessions may run concurrently);
 * report {@link TransportSession#closed} once the socket is gone, whoever closed it. Call
 * {@link #shutdown} when the application stops: it also releases the server's timer
 * threads.
 */
public final class WampServer {

	private static final Logger logger = LoggerFactory.getLogger(WampServer.class);

	/** Session ids carry 128 random bits. */
	private static final int SESSION_ID_BYTES = 16;

	private final WampServerSettings settings;

	private final WampCodec codec;

	private final Wamp2Settings protocols;

	private final Wamp2Callees callees;

	private final Wamp2Meta meta;

	private final Wamp2Codec jsonCodec;

	private final @Nullable Wamp2Codec cborCodec;

	private final Wamp2Authentication authentication;

	private final Broker broker;

	private final WampServerListener listener;

	private final LiveConnections connections = new LiveConnections();

	private final UriRouter<RpcHandler> procedures;

	private final UriRouter<TopicHandler> topicHandlers;

	private final Subscriptions subscriptions;

	private final SessionContext context;

	/** Applied to handlers registered on the running server too. */
	private final List<BiFunction<String, RpcHandler, RpcHandler>> procedureDecorators;

	private final List<BiFunction<String, TopicHandler, TopicHandler>> topicDecorators;

	private final KeepAlive keepAlive;

	private final Scheduler timer;

	private final AtomicBoolean accepting = new AtomicBoolean(true);

	private final Mono<Void> stopped;

	private WampServer(DefaultBuilder builder) {
		this.settings = builder.settings;
		this.codec = (builder.codec != null) ? builder.codec
				: new WampCodec(JsonMapper.builder().build(), settings.maxUriLength());
		this.broker = (builder.broker != null) ? builder.broker : new InMemoryBroker();
		this.protocols = builder.protocols;
		this.jsonCodec = Wamp2Codec.json(codec.mapper(), settings.maxUriLength());
		this.cborCodec = builder.cborCodec;
		this.authentication = builder.authentication;
		if (protocols.cbor() && cborCodec == null) {
			throw new IllegalArgumentException("wamp.2.cbor is enabled but no CBOR codec was given");
		}
		this.meta = new Wamp2Meta(connections);
		if (protocols.json() || protocols.cbor()) {
			meta.register(builder);
			builder.listener(meta);
		}
		this.listener = new CompositeListener(builder.listeners);
		this.timer = Schedulers.newParallel("wamp-timer", 2, true);
		this.procedures = builder.procedures();
		this.topicHandlers = builder.topicHandlers();
		this.procedureDecorators = List.copyOf(builder.procedureDecorators);
		this.topicDecorators = List.copyOf(builder.topicDecorators);
		Authorization authorization = new Authorization(builder.authorizer, listener);
		this.subscriptions = new Subscriptions(settings, topicHandlers, authorization, codec, broker, listener, timer);
		this.callees = new Wamp2Callees(settings, listener, timer, broker.callees());
		meta.start(subscriptions);
		CallDispatcher calls = new CallDispatcher(settings, procedures, authorization, listener, callees);
		Middleware.Chain chain = MiddlewareChain.build(builder.middlewares,
				new Dispatcher(calls, subscriptions, listener, connections));
		this.context = new SessionContext(settings, codec, listener, chain, calls, subscriptions, connections);
		this.keepAlive = new KeepAlive(connections, settings.pingInterval(), settings.maxUnansweredPings());
		this.stopped = Mono.fromRunnable(this::stop).then().cache();
		broker.start(subscriptions::deliverLocally);
		CalleeRelay relay = callees.relay();
		if (relay != null) {
			relay.start(callees::invokeForRemote);
		}
		keepAlive.start(timer);
	}

	/** A builder with the default settings, the in-memory broker and no handlers. */
	public static Builder builder() {
		return new DefaultBuilder();
	}

	/**
	 * Opens a connection for an upgrade request: assigns the session id, fills the
	 * reserved attributes, runs the chain's {@code onOpen} and queues WELCOME.
	 * @param request the upgrade request
	 * @return the transport's handle on the connection
	 * @throws HandshakeRejectedException when a layer refuses the handshake
	 */
	public TransportSession open(HttpRequest request) {
		return open(request, Map.of());
	}

	/**
	 * Opens a connection for an upgrade request with attributes the transport resolved
	 * during the handshake (such as the web session under {@code session}), set before
	 * the chain's {@code onOpen} runs so every layer sees them.
	 * @param request the upgrade request
	 * @param initialAttributes attributes to set; the reserved ones the engine fills
	 * ({@code http.request}, {@code wamp.session_id}, ...) are not overridden
	 * @return the transport's handle on the connection
	 * @throws HandshakeRejectedException when a layer refuses the handshake
	 */
	public TransportSession open(HttpRequest request, Map<String, ?> initialAttributes) {
		if (!accepting.get()) {
			throw rejected(request, new HandshakeRejectedException(503, HandshakeRejectedException.Reason.UNAVAILABLE,
					"Server shutting down"));
		}
		String subprotocol = SubprotocolMiddleware.select(request.subprotocols(), served());
		Wamp2Codec codec2 = Wamp2Codec.JSON_SUBPROTOCOL.equals(subprotocol) ? jsonCodec
				: Wamp2Codec.CBOR_SUBPROTOCOL.equals(subprotocol) ? cborCodec : null;
		if (subprotocol == null && !protocols.v1()) {
			throw rejected(request, new HandshakeRejectedException(400, HandshakeRejectedException.Reason.SUBPROTOCOL,
					"None of the offered subprotocols is served; offer one of " + served()));
		}
		DecoratedConnection connection = (codec2 != null)
				? new Wamp2Connection(newSessionId(), request, codec, codec2, settings, listener)
				: new DecoratedConnection(newSessionId(), request, codec, settings, listener);
		connection.initialAttributes(initialAttributes);
		if (codec2 == null) {
			// WELCOME goes first, before anything a layer may send while opening; a v2
			// session waits for HELLO instead.
			connection.send(new WampMessage.Welcome(connection.sessionId(), 1, settings.serverIdent()));
		}
		try {
			context.chain().onOpen(connection);
		}
		catch (HandshakeRejectedException ex) {
			connection.markClosing(CloseStatus.NORMAL);
			connection.abortOutbound();
			throw rejected(request, ex);
		}
		catch (Throwable ex) {
			logger.error("A layer failed opening a connection from {}", request.remoteAddress(), ex);
			connection.markClosing(CloseStatus.NORMAL);
			connection.abortOutbound();
			throw rejected(request, new HandshakeRejectedException(500, HandshakeRejectedException.Reason.UNAVAILABLE,
					"Handshake failed: " + ex.getClass().getName()));
		}
		if (!connections.add(connection)) {
			// 128 random bits never collide in practice; refuse rather than share an
			// identity.
			connection.markClosing(CloseStatus.NORMAL);
			connection.abortOutbound();
			throw rejected(request, new HandshakeRejectedException(503, HandshakeRejectedException.Reason.UNAVAILABLE,
					"Session id collision"));
		}
		listener.connectionOpened(connection);
		if (!accepting.get()) {
			// Shutdown began while the layers ran: its sweep of live connections may have
			// missed this
			// one, so it closes itself (checked after registering, so one of the two
			// always sees it).
			connection.close(CloseCodes.GOING_AWAY, CloseStatus.GOING_AWAY.reason());
		}
		if (connection instanceof Wamp2Connection v2) {
			return new Wamp2Session(v2, context, protocols, callees, meta, authentication, timer);
		}
		return new ServerSession(connection, context, subprotocol);
	}

	/**
	 * The enabled subprotocols: {@code wamp}, {@code wamp.2.json}, {@code wamp.2.cbor};
	 * the client's order of preference among them decides a socket's protocol.
	 */
	public List<String> served() {
		List<String> served = new ArrayList<>(3);
		if (protocols.v1()) {
			served.add(SubprotocolMiddleware.WAMP);
		}
		if (protocols.json()) {
			served.add(Wamp2Codec.JSON_SUBPROTOCOL);
		}
		if (protocols.cbor()) {
			served.add(Wamp2Codec.CBOR_SUBPROTOCOL);
		}
		return served;
	}

	/** Which protocol generations are served, and the WAMP v2 realms. */
	public Wamp2Settings protocols() {
		return protocols;
	}

	private HandshakeRejectedException rejected(HttpRequest request, HandshakeRejectedException rejection) {
		listener.handshakeRejected(request, rejection);
		return rejection;
	}

	private String newSessionId() {
		for (;;) {
			String id = RandomIds.next(SESSION_ID_BYTES);
			if (!connections.contains(id)) {
				return id;
			}
		}
	}

	/**
	 * Publishes through the broker, reaching subscribers on every node.
	 * @param publication what to deliver
	 * @return completes once handed to the broker
	 */
	public Mono<Void> publish(Publication publication) {
		return Mono.defer(() -> subscriptions.publish(publication));
	}

	/**
	 * Registers a procedure on the running server, wrapped by the builder's decorators
	 * (see {@link Builder#decorateProcedures}). The router is live: a CALL routed after
	 * this returns reaches the handler. For handlers that can only be built once the
	 * application is up (the starter registers its annotated beans this way, once every
	 * singleton exists).
	 * @param pattern a parsed URI pattern
	 * @param handler answers CALLs to it
	 * @throws IllegalArgumentException for a duplicate pattern
	 */
	public void rpc(UriPattern pattern, RpcHandler handler) {
		procedures.register(pattern, DefaultBuilder.decorate(pattern.pattern(), handler, procedureDecorators));
	}

	/**
	 * Registers a topic handler on the running server; SUBSCRIBEs and PUBLISHes routed
	 * after this returns reach it.
	 * @param pattern a parsed URI pattern
	 * @param handler handles its topics
	 * @throws IllegalArgumentException for a duplicate pattern
	 */
	public void topic(UriPattern pattern, TopicHandler handler) {
		topicHandlers.register(pattern, DefaultBuilder.decorate(pattern.pattern(), handler, topicDecorators));
	}

	/** This node's live connections. */
	public Connections connections() {
		return connections;
	}

	/**
	 * A topic of this node, if it has local subscribers.
	 * @param topicUri the full URI
	 * @return the topic
	 */
	public Optional<Topic> topic(String topicUri) {
		LocalTopic topic = subscriptions.get(topicUri);
		return (topic != null && topic.size() > 0) ? Optional.of(topic) : Optional.empty();
	}

	/** A snapshot of this node's topics that have local subscribers. */
	public List<Topic> liveTopics() {
		List<Topic> live = new ArrayList<>();
		for (LocalTopic topic : subscriptions.all()) {
			if (topic.size() > 0) {
				live.add(topic);
			}
		}
		return live;
	}

	/** The URI patterns of the registered procedures, sorted. */
	public List<String> procedurePatterns() {
		return Wamp2Meta.withoutMeta(procedures.patterns());
	}

	/**
	 * The URI patterns of the registered topic handlers, sorted (the built-in WAMP v2
	 * session meta topics are not listed).
	 */
	public List<String> topicPatterns() {
		return Wamp2Meta.withoutMeta(topicHandlers.patterns());
	}

	/** The number of topics with local subscribers. */
	public int topicCount() {
		return subscriptions.count();
	}

	/** The settings in force. */
	public WampServerSettings settings() {
		return settings;
	}

	/** The codec in use. */
	public WampCodec codec() {
		return codec;
	}

	/** The broker in use. */
	public Broker broker() {
		return broker;
	}

	/**
	 * Closes every connection with 1001 after flushing what is queued, waiting at most
	 * {@code grace}; stops keep-alive, periodic tasks and the broker.
	 * @param grace the longest wait for queues to drain
	 * @return completes when every connection is closed or the grace period ends
	 */
	public Mono<Void> shutdown(Duration grace) {
		return Mono.defer(() -> {
			accepting.set(false);
			keepAlive.stop();
			List<Mono<Void>> drained = new ArrayList<>();
			for (DecoratedConnection connection : connections.live()) {
				connection.close(CloseCodes.GOING_AWAY, CloseStatus.GOING_AWAY.reason());
				drained.add(connection.outboundDone());
			}
			return Mono.when(drained).timeout(grace, Mono.empty());
		}).then(stopped);
	}

	private void stop() {
		subscriptions.stopPeriodicTasks();
		try {
			broker.stop();
		}
		catch (RuntimeException ex) {
			logger.warn("Stopping the broker failed", ex);
		}
		timer.dispose();
	}

	// ---- for the engine's tests, which inspect topic state and drive keep-alive ticks

	Subscriptions subscriptions() {
		return subscriptions;
	}

	KeepAlive keepAlive() {
		return keepAlive;
	}

	/** Configures a {@link WampServer}. */
	public interface Builder {

		/**
		 * @param settings the settings and limits
		 */
		Builder settings(WampServerSettings settings);

		/**
		 * @param codec the codec (its mapper writes payloads)
		 */
		Builder codec(WampCodec codec);

		/**
		 * @param broker the broker; the in-memory one by default
		 */
		Builder broker(Broker broker);

		/**
		 * @param authorizer decides per action and URI; everything is allowed by default
		 */
		Builder authorizer(WampAuthorizer authorizer);

		/**
		 * @param listener observes the engine; may be called several times
		 */
		Builder listener(WampServerListener listener);

		/**
		 * @param middleware a layer; layers are sorted by {@link Middleware#order()}
		 */
		Builder middleware(Middleware middleware);

		/**
		 * @param middlewares layers
		 */
		Builder middlewares(List<? extends Middleware> middlewares);

		/**
		 * @param pattern a URI pattern
		 * @param handler answers CALLs to it
		 * @throws IllegalArgumentException for an invalid or duplicate pattern
		 */
		Builder rpc(String pattern, RpcHandler handler);

		/**
		 * @param pattern a URI pattern
		 * @param handler handles its topics
		 * @throws IllegalArgumentException for an invalid or duplicate pattern
		 */
		Builder topic(String pattern, TopicHandler handler);

		/**
		 * @param protocols which of {@code wamp}, {@code wamp.2.json} and
		 * {@code wamp.2.cbor} are served, and the v2 realms; v1 and JSON by default
		 */
		Builder protocols(Wamp2Settings protocols);

		/**
		 * @param codec the {@code wamp.2.cbor} codec (a binary {@link Wamp2Codec});
		 * needed when CBOR is enabled
		 */
		Builder cborCodec(Wamp2Codec codec);

		/**
		 * @param authentication how WAMP v2 sessions log in; anonymous and handshake
		 * logins only by default
		 */
		Builder wamp2Authentication(Wamp2Authentication authentication);

		/**
		 * Wraps every procedure handler, whenever it was registered, when the server is
		 * built: an interception point for cross-cutting work around each CALL (an
		 * observation, a trace scope) that needs no change to the handlers. Decorators
		 * apply in the order given, the first one innermost.
		 * @param decorator given the pattern and its handler, returns the handler to use
		 */
		Builder decorateProcedures(BiFunction<String, RpcHandler, RpcHandler> decorator);

		/**
		 * Wraps every topic handler, whenever it was registered, when the server is
		 * built; see {@link #decorateProcedures}.
		 * @param decorator given the pattern and its handler, returns the handler to use
		 */
		Builder decorateTopics(BiFunction<String, TopicHandler, TopicHandler> decorator);

		/** Builds and starts the server (keep-alive timer, broker). */
		WampServer build();

	}

	private static final class DefaultBuilder implements Builder {

		private WampServerSettings settings = WampServerSettings.defaults();

		private @Nullable WampCodec codec;

		private @Nullable Broker broker;

		private Wamp2Settings protocols = Wamp2Settings.defaults();

		private @Nullable Wamp2Codec cborCodec;

		private Wamp2Authentication authentication = Wamp2Authentication.anonymous();

		private WampAuthorizer authorizer = WampAuthorizer.PERMIT_ALL;

		private final List<WampServerListener> listeners = new ArrayList<>();

		private final List<Middleware> middlewares = new ArrayList<>();

		private final UriRouter<RpcHandler> procedures = new UriRouter<>();

		private final UriRouter<TopicHandler> topicHandlers = new UriRouter<>();

		private final Map<String, RpcHandler> procedureRegistrations = new LinkedHashMap<>();

		private final Map<String, TopicHandler> topicRegistrations = new LinkedHashMap<>();

		private final List<BiFunction<String, RpcHandler, RpcHandler>> procedureDecorators = new ArrayList<>();

		private final List<BiFunction<String, TopicHandler, TopicHandler>> topicDecorators = new ArrayList<>();

		@Override
		public Builder settings(WampServerSettings settings) {
			this.settings = settings;
			return this;
		}

		@Override
		public Builder codec(WampCodec codec) {
			this.codec = codec;
			return this;
		}

		@Override
		public Builder broker(Broker broker) {
			this.broker = broker;
			return this;
		}

		@Override
		public Builder authorizer(WampAuthorizer authorizer) {
			this.authorizer = authorizer;
			return this;
		}

		@Override
		public Builder listener(WampServerListener listener) {
			listeners.add(listener);
			return this;
		}

		@Override
		public Builder middleware(Middleware middleware) {
			middlewares.add(middleware);
			return this;
		}

		@Override
		public Builder middlewares(List<? extends Middleware> middlewares) {
			this.middlewares.addAll(middlewares);
			return this;
		}

		@Override
		public Builder rpc(String pattern, RpcHandler handler) {
			procedures.register(pattern, handler);
			procedureRegistrations.put(pattern, handler);
			return this;
		}

		@Override
		public Builder topic(String pattern, TopicHandler handler) {
			topicHandlers.register(pattern, handler);
			topicRegistrations.put(pattern, handler);
			return this;
		}

		@Override
		public Builder protocols(Wamp2Settings protocols) {
			this.protocols = protocols;
			return this;
		}

		@Override
		public Builder cborCodec(Wamp2Codec codec) {
			this.cborCodec = codec;
			return this;
		}

		@Override
		public Builder wamp2Authentication(Wamp2Authentication authentication) {
			this.authentication = authentication;
			return this;
		}

		@Override
		public Builder decorateProcedures(BiFunction<String, RpcHandler, RpcHandler> decorator) {
			procedureDecorators.add(decorator);
			return this;
		}

		@Override
		public Builder decorateTopics(BiFunction<String, TopicHandler, TopicHandler> decorator) {
			topicDecorators.add(decorator);
			return this;
		}

		/**
		 * The routers to serve: the registered ones, or rebuilt with decorated handlers.
		 */
		UriRouter<RpcHandler> procedures() {
			return decorated(procedures, procedureRegistrations, procedureDecorators);
		}

		UriRouter<TopicHandler> topicHandlers() {
			return decorated(topicHandlers, topicRegistrations, topicDecorators);
		}

		private static <H> UriRouter<H> decorated(UriRouter<H> router, Map<String, H> registrations,
				List<BiFunction<String, H, H>> decorators) {
			if (decorators.isEmpty()) {
				return router;
			}
			UriRouter<H> result = new UriRouter<>();
			registrations
				.forEach((pattern, handler) -> result.register(pattern, decorate(pattern, handler, decorators)));
			return result;
		}

		static <H> H decorate(String pattern, H handler, List<BiFunction<String, H, H>> decorators) {
			H decorated = handler;
			for (BiFunction<String, H, H> decorator : decorators) {
				decorated = decorator.apply(pattern, decorated);
			}
			return decorated;
		}

		@Override
		public WampServer build() {
			return new WampServer(this);
		}

	}

}
