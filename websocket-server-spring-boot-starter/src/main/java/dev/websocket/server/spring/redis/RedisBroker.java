package dev.websocket.server.spring.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.websocket.server.broker.Broker;
import dev.websocket.server.broker.CalleeRelay;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.support.RandomIds;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.util.Assert;

/**
 * A {@link Broker} on Redis pub/sub that lets several server nodes share topics.
 *
 * <p>
 * Each topic has its own channel, {@code <channelPrefix><topicUri>}, and a node listens
 * only to the channels of topics it has local subscribers for, so Redis traffic follows
 * interest. A publication goes first to this node's subscribers, then once, as a compact
 * JSON envelope carrying the event, exclude, eligible, user and this node's random id, to
 * the topic's channel; every other listening node delivers it to its own subscribers, and
 * a node skips its own envelopes. The envelope carries what a WAMP v2 publisher added
 * (arguments, keyword arguments, the disclosed publisher, the authid/authrole filters). A
 * WAMP v2 pattern subscription makes the node listen to a channel pattern as well; a node
 * delivers an envelope once however many of its channels and patterns it matched.
 *
 * <p>
 * {@link #callees()} relays calls to procedures WAMP v2 clients registered between the
 * nodes ({@link RedisCalleeRelay}: names owned once, kept alive at every health check).
 *
 * <p>
 * When Redis cannot be reached, local delivery goes on, remote publishes fail fast and
 * are counted and logged (rate-limited), and {@link #isAvailable()} is {@code false}. A
 * health check notices a lost connection; the broker then reconnects on its own with
 * back-off, re-subscribes to the channels of its current topics and resumes. No call
 * blocks the caller: connecting runs on the bounded elastic scheduler and every Redis
 * command has a timeout. A publish sent in the moment Redis stops answering fails after
 * the timeout, yet may still reach the other nodes once Redis answers again (the client
 * library replays what it had buffered); publishes made after the failure was noticed are
 * never sent.
 *
 * <p>
 * Build one with {@link #builder(ReactiveRedisConnectionFactory)}; thread-safe.
 */
public final class RedisBroker implements Broker {

	/** The default channel prefix. */
	public static final String DEFAULT_CHANNEL_PREFIX = "wamp:topic:";

	/** The default prefix of the keys and channels of client-registered procedures. */
	public static final String DEFAULT_CALLEE_PREFIX = "wamp:callee:";

	private static final Logger logger = LoggerFactory.getLogger(RedisBroker.class);

	/**
	 * How many received envelopes are remembered to drop the copies Redis sends when a
	 * channel matches both a topic and a pattern (or several patterns) of this node; the
	 * copies arrive one after another, so a short memory suffices.
	 */
	private static final int RECENT_ENVELOPES = 1024;

	private final ReactiveRedisConnectionFactory connectionFactory;

	private final RedisEnvelopeCodec codec;

	private final String nodeId;

	private final String channelPrefix;

	private final Duration commandTimeout;

	private final Duration healthCheckInterval;

	private final Duration minBackoff;

	private final Duration maxBackoff;

	private final int maxPendingPublishes;

	private final RateLimitedWarning publishFailureWarning;

	private final RateLimitedWarning receiveFailureWarning;

	private final RateLimitedWarning connectFailureWarning;

	/** Topics with local subscribers. Changed only while holding {@link #monitor}. */
	private final Set<String> topics = ConcurrentHashMap.newKeySet();

	/** Guards {@link #topics}, {@link #link} and {@link #stopped} against each other. */
	private final Object monitor = new Object();

	private final LongAdder published = new LongAdder();

	private final LongAdder received = new LongAdder();

	private final LongAdder publishFailures = new LongAdder();

	private final LongAdder receiveFailures = new LongAdder();

	private final AtomicInteger pendingPublishes = new AtomicInteger();

	/** Numbers this node's envelopes. */
	private final AtomicLong sequence = new AtomicLong();

	/**
	 * Redis glob patterns of the WAMP v2 pattern subscriptions on this node, each with
	 * how many local patterns need it. Changed only while holding {@link #monitor}.
	 */
	private final Map<String, Integer> globs = new ConcurrentHashMap<>();

	/** The envelopes received last, to deliver once what matched several channels. */
	private final RecentEnvelopes recent = new RecentEnvelopes(RECENT_ENVELOPES);

	/** Connection attempts that failed since the last successful one. */
	private final AtomicInteger failedConnects = new AtomicInteger();

	private final RedisCalleeRelay calleeRelay;

	/** The channel of calls to this node's callees and of answers to its callers. */
	private final ByteBuffer nodeChannel;

	private volatile @Nullable LocalDelivery delivery;

	private volatile @Nullable Link link;

	private volatile @Nullable Disposable supervision;

	private volatile boolean stopped;

	private volatile boolean connectedBefore;

	private RedisBroker(Builder builder) {
		this.connectionFactory = builder.connectionFactory;
		this.codec = new RedisEnvelopeCodec(builder.mapper);
		this.nodeId = newNodeId();
		this.channelPrefix = builder.channelPrefix;
		this.commandTimeout = builder.commandTimeout;
		this.healthCheckInterval = builder.healthCheckInterval;
		this.minBackoff = builder.minBackoff;
		this.maxBackoff = builder.maxBackoff;
		this.maxPendingPublishes = builder.maxPendingPublishes;
		this.publishFailureWarning = new RateLimitedWarning(logger,
				"publication(s) could not reach Redis; local subscribers still received them",
				builder.failureLogInterval);
		this.receiveFailureWarning = new RateLimitedWarning(logger,
				"envelope(s) from Redis could not be read or delivered", builder.failureLogInterval);
		this.connectFailureWarning = new RateLimitedWarning(logger,
				"attempt(s) to connect to Redis failed; retrying with back-off", builder.failureLogInterval);
		this.calleeRelay = new RedisCalleeRelay(this.nodeId, builder.calleePrefix, builder.calleeTtl,
				this.commandTimeout, builder.mapper, this.codec.reader(), () -> {
					Link current = this.link;
					return (current != null && current.ready) ? current.connection : null;
				});
		this.nodeChannel = bytes(this.calleeRelay.nodeChannel()).asReadOnlyBuffer();
	}

	private static String newNodeId() {
		return RandomIds.next(12);
	}

	/**
	 * Starts configuring a broker.
	 * @param connectionFactory where to connect
	 * @return a builder with the defaults
	 */
	public static Builder builder(ReactiveRedisConnectionFactory connectionFactory) {
		return new Builder(connectionFactory);
	}

	@Override
	public void start(LocalDelivery localDelivery) {
		synchronized (this.monitor) {
			Assert.state(this.delivery == null, "Broker already started");
			Assert.state(!this.stopped, "Broker stopped");
			this.delivery = localDelivery;
			this.supervision = supervise().subscribe(null,
					(ex) -> logger.error("Redis broker gave up reconnecting; only local delivery works", ex));
		}
	}

	@Override
	public Mono<Void> publish(Publication publication) {
		return Mono.defer(() -> {
			LocalDelivery target = this.delivery;
			if (target == null) {
				return Mono.error(new IllegalStateException("Broker not started"));
			}
			target.deliver(publication);
			return sendToOtherNodes(publication);
		});
	}

	private Mono<Void> sendToOtherNodes(Publication publication) {
		if (this.stopped) {
			return Mono.error(new IllegalStateException("Broker stopped"));
		}
		Link current = this.link;
		if (current == null || !current.ready) {
			return failed(new RedisConnectionFailureException("Not connected to Redis"));
		}
		if (this.pendingPublishes.incrementAndGet() > this.maxPendingPublishes) {
			this.pendingPublishes.decrementAndGet();
			return failed(new RedisConnectionFailureException(
					"More than " + this.maxPendingPublishes + " publishes waiting for Redis"));
		}
		ByteBuffer envelope;
		try {
			envelope = ByteBuffer.wrap(this.codec.encode(this.nodeId, this.sequence.incrementAndGet(), publication));
		}
		catch (RuntimeException ex) {
			this.pendingPublishes.decrementAndGet();
			return failed(ex);
		}
		return current.connection.pubSubCommands()
			.publish(channel(publication.topicUri()), envelope)
			.timeout(this.commandTimeout)
			.doOnSuccess((receivers) -> this.published.increment())
			.doFinally((signal) -> this.pendingPublishes.decrementAndGet())
			.then()
			.onErrorResume(this::failed);
	}

	private Mono<Void> failed(Throwable ex) {
		this.publishFailures.increment();
		this.publishFailureWarning.occurred(ex);
		return Mono.error(ex);
	}

	@Override
	public void topicAdded(String topicUri) {
		synchronized (this.monitor) {
			if (this.topics.add(topicUri)) {
				Link current = this.link;
				if (current != null) {
					current.listen(topicUri);
				}
			}
		}
	}

	@Override
	public void topicRemoved(String topicUri) {
		synchronized (this.monitor) {
			if (this.topics.remove(topicUri)) {
				Link current = this.link;
				if (current != null) {
					current.stopListening(topicUri);
				}
			}
		}
	}

	/**
	 * A WAMP v2 pattern subscription appeared: the node listens to the Redis pattern that
	 * covers it (a prefix as {@code <channelPrefix><prefix>*}; a wildcard with {@code *}
	 * for each empty component, which Redis matches more widely than WAMP; the engine
	 * matches exactly).
	 */
	@Override
	public void patternAdded(String match, String pattern) {
		String glob = glob(match, pattern);
		synchronized (this.monitor) {
			if (this.globs.merge(glob, 1, Integer::sum) == 1) {
				Link current = this.link;
				if (current != null) {
					current.listenPattern(glob);
				}
			}
		}
	}

	@Override
	public void patternRemoved(String match, String pattern) {
		String glob = glob(match, pattern);
		synchronized (this.monitor) {
			Integer left = this.globs.computeIfPresent(glob, (key, count) -> (count > 1) ? count - 1 : null);
			if (left == null) {
				Link current = this.link;
				if (current != null) {
					current.stopListeningPattern(glob);
				}
			}
		}
	}

	/**
	 * The Redis glob pattern of a WAMP v2 pattern subscription.
	 * @param match {@code prefix} or {@code wildcard}
	 * @param pattern the pattern
	 * @return the glob over channel names
	 */
	String glob(String match, String pattern) {
		StringBuilder glob = new StringBuilder(escapeGlob(this.channelPrefix));
		if ("wildcard".equals(match)) {
			String[] components = pattern.split("\\.", -1);
			for (int i = 0; i < components.length; i++) {
				if (i > 0) {
					glob.append('.');
				}
				glob.append(components[i].isEmpty() ? "*" : escapeGlob(components[i]));
			}
			return glob.toString();
		}
		return glob.append(escapeGlob(pattern)).append('*').toString();
	}

	private static String escapeGlob(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
				escaped.append('\\');
			}
			escaped.append(c);
		}
		return escaped.toString();
	}

	/**
	 * Whether this node is connected to Redis and listens to the channels of its topics.
	 */
	@Override
	public boolean isAvailable() {
		Link current = this.link;
		return current != null && current.ready;
	}

	/**
	 * Relays calls to client-registered procedures between the nodes (see
	 * {@link RedisCalleeRelay}).
	 */
	@Override
	public CalleeRelay callees() {
		return this.calleeRelay;
	}

	@Override
	public void stop() {
		try {
			this.calleeRelay.stop();
		}
		catch (RuntimeException ex) {
			logger.debug("Stopping the callee relay failed", ex);
		}
		Disposable running;
		synchronized (this.monitor) {
			this.stopped = true;
			running = this.supervision;
			this.supervision = null;
		}
		if (running != null) {
			running.dispose();
		}
	}

	/** This node's random id, carried in every envelope it sends. */
	public String nodeId() {
		return this.nodeId;
	}

	/**
	 * The Redis channel of a topic.
	 * @param topicUri the topic
	 * @return the channel name
	 */
	public String channelName(String topicUri) {
		return this.channelPrefix + topicUri;
	}

	/** Envelopes sent to Redis. */
	public long publishedCount() {
		return this.published.sum();
	}

	/** Envelopes received from other nodes. */
	public long receivedCount() {
		return this.received.sum();
	}

	/** Publications that could not be sent to Redis (local delivery happened). */
	public long publishFailureCount() {
		return this.publishFailures.sum();
	}

	/** Envelopes received that could not be read or delivered. */
	public long receiveFailureCount() {
		return this.receiveFailures.sum();
	}

	/** Channels Redis has confirmed this node listens to. */
	public int subscriptionCount() {
		Link current = this.link;
		return (current != null) ? current.confirmed.size() : 0;
	}

	/** Channel patterns (of WAMP v2 pattern subscriptions) Redis has confirmed. */
	public int patternSubscriptionCount() {
		Link current = this.link;
		return (current != null) ? current.confirmedGlobs.size() : 0;
	}

	private ByteBuffer channel(String topicUri) {
		return bytes(channelName(topicUri));
	}

	private static ByteBuffer bytes(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Connects, listens and watches the connection; on any failure releases the link and
	 * starts over after a back-off that resets once a connection has been established.
	 */
	private Flux<Link> supervise() {
		return Flux.usingWhen(connect(), this::run, this::release)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, this.minBackoff)
				.maxBackoff(this.maxBackoff)
				.transientErrors(true)
				.filter((ex) -> !this.stopped));
	}

	private Mono<Link> connect() {
		return Mono.fromCallable(this.connectionFactory::getReactiveConnection)
			// Obtaining a connection may block while the factory opens its shared
			// connection
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((connection) -> connection.ping()
				.timeout(this.commandTimeout)
				.then(Mono.defer(() -> connection.pubSubCommands().createSubscription()))
				.timeout(this.commandTimeout)
				.map((subscription) -> new Link(connection, subscription))
				.onErrorResume((ex) -> close(connection).then(Mono.error(ex))))
			.doOnError(this::connectFailed);
	}

	private void connectFailed(Throwable ex) {
		// A single slow attempt (a cold start, a busy machine) is not worth a warning
		if (this.failedConnects.incrementAndGet() > 1) {
			this.connectFailureWarning.occurred(ex);
		}
		else {
			logger.debug("Could not connect to Redis; retrying", ex);
		}
	}

	private Flux<Link> run(Link link) {
		// Receive before subscribing to channels, so that nothing arriving in between is
		// lost
		Mono<Link> receiving = link.subscription.receive()
			.doOnNext(this::onMessage)
			.then(Mono.error(() -> new RedisConnectionFailureException("Redis subscription ended")));
		Mono<Link> healthChecks = Mono.delay(this.healthCheckInterval)
			.then(Mono.defer(() -> link.connection.ping().timeout(this.commandTimeout)))
			.then(Mono.defer(() -> this.calleeRelay.heartbeat(link.connection)))
			.repeat()
			.then(Mono.never());
		Mono<Link> failures = link.failure.asMono().then(Mono.never());
		return Flux.merge(receiving, activate(link).concatWith(healthChecks), failures).doOnError((ex) -> {
			if (link.ready && !this.stopped) {
				logger.warn("Lost the connection to Redis; local delivery continues, reconnecting: {}", ex.toString());
			}
		});
	}

	private Mono<Link> activate(Link link) {
		return Mono.defer(() -> {
			List<String> initial;
			List<String> initialGlobs;
			synchronized (this.monitor) {
				if (this.stopped) {
					return Mono.error(new IllegalStateException("Broker stopped"));
				}
				this.link = link;
				initial = link.request(this.topics);
				initialGlobs = link.requestGlobs(this.globs.keySet());
			}
			Mono<Void> ownChannel = link.subscription.subscribe(this.nodeChannel.duplicate())
				.timeout(this.commandTimeout);
			return ownChannel.then(link.listenAll(initial))
				.then(link.listenAllPatterns(initialGlobs))
				.then(Mono.defer(() -> this.calleeRelay.heartbeat(link.connection)))
				.then(Mono.fromCallable(() -> {
					link.ready = true;
					this.failedConnects.set(0);
					if (this.connectedBefore) {
						logger.info("Reconnected to Redis; listening again to {} topic(s)", initial.size());
					}
					else {
						logger.info("Connected to Redis as node {}; listening to {} topic(s)", this.nodeId,
								initial.size());
					}
					this.connectedBefore = true;
					return link;
				}));
		});
	}

	private Mono<Void> release(Link link) {
		return Mono.defer(() -> {
			link.ready = false;
			this.calleeRelay.disconnected();
			synchronized (this.monitor) {
				if (this.link == link) {
					this.link = null;
				}
			}
			return close(link.connection);
		});
	}

	private Mono<Void> close(ReactiveRedisConnection connection) {
		return connection.closeLater().timeout(this.commandTimeout).onErrorResume((ex) -> {
			logger.debug("Could not close a Redis connection", ex);
			return Mono.empty();
		});
	}

	private void onMessage(ReactiveSubscription.Message<ByteBuffer, ByteBuffer> message) {
		try {
			ByteBuffer payload = message.getMessage().duplicate();
			byte[] bytes = new byte[payload.remaining()];
			payload.get(bytes);
			if (this.nodeChannel.duplicate().equals(message.getChannel().duplicate())) {
				// a topic pattern may cover the node channel too: take its own copy only
				if (!(message instanceof ReactiveSubscription.PatternMessage)) {
					this.calleeRelay.onMessage(bytes);
				}
				return;
			}
			RedisEnvelope envelope = this.codec.decode(bytes, this.nodeId);
			if (envelope == null || !this.recent.add(envelope.origin(), envelope.sequence())) {
				return;
			}
			this.received.increment();
			Publication publication = envelope.publication();
			LocalDelivery target = this.delivery;
			// The last local subscriber may have left while the envelope was on its way
			if (target != null && (this.topics.contains(publication.topicUri()) || !this.globs.isEmpty())) {
				target.deliver(publication);
			}
		}
		catch (RuntimeException ex) {
			this.receiveFailures.increment();
			this.receiveFailureWarning.occurred(ex);
		}
	}

	/** One connection to Redis with its pub/sub subscription. */
	private final class Link {

		final ReactiveRedisConnection connection;

		final ReactiveSubscription subscription;

		/** Topics whose channel this link asked Redis for. */
		final Set<String> requested = ConcurrentHashMap.newKeySet();

		/** Topics whose channel Redis confirmed. */
		final Set<String> confirmed = ConcurrentHashMap.newKeySet();

		/** Channel patterns this link asked Redis for. */
		final Set<String> requestedGlobs = ConcurrentHashMap.newKeySet();

		/** Channel patterns Redis confirmed. */
		final Set<String> confirmedGlobs = ConcurrentHashMap.newKeySet();

		/** Errors when a command on this link fails, so that the broker reconnects. */
		final Sinks.Empty<Void> failure = Sinks.empty();

		/** Whether the initial subscriptions are confirmed and publishes may go out. */
		volatile boolean ready;

		Link(ReactiveRedisConnection connection, ReactiveSubscription subscription) {
			this.connection = connection;
			this.subscription = subscription;
		}

		List<String> request(Set<String> topicUris) {
			List<String> added = new ArrayList<>();
			for (String topicUri : topicUris) {
				if (this.requested.add(topicUri)) {
					added.add(topicUri);
				}
			}
			return added;
		}

		Mono<Void> listenAll(List<String> topicUris) {
			if (topicUris.isEmpty()) {
				return Mono.empty();
			}
			ByteBuffer[] channels = topicUris.stream().map(RedisBroker.this::channel).toArray(ByteBuffer[]::new);
			return this.subscription.subscribe(channels)
				.timeout(RedisBroker.this.commandTimeout)
				.doOnSuccess((done) -> this.confirmed.addAll(topicUris));
		}

		void listen(String topicUri) {
			if (this.requested.add(topicUri)) {
				this.subscription.subscribe(channel(topicUri))
					.timeout(RedisBroker.this.commandTimeout)
					.subscribe(null, this::fail, () -> this.confirmed.add(topicUri));
			}
		}

		void stopListening(String topicUri) {
			if (this.requested.remove(topicUri)) {
				this.subscription.unsubscribe(channel(topicUri))
					.timeout(RedisBroker.this.commandTimeout)
					.subscribe(null, this::fail, () -> this.confirmed.remove(topicUri));
			}
		}

		List<String> requestGlobs(Set<String> patterns) {
			List<String> added = new ArrayList<>();
			for (String glob : patterns) {
				if (this.requestedGlobs.add(glob)) {
					added.add(glob);
				}
			}
			return added;
		}

		Mono<Void> listenAllPatterns(List<String> patterns) {
			if (patterns.isEmpty()) {
				return Mono.empty();
			}
			ByteBuffer[] channels = patterns.stream().map(RedisBroker::bytes).toArray(ByteBuffer[]::new);
			return this.subscription.pSubscribe(channels)
				.timeout(RedisBroker.this.commandTimeout)
				.doOnSuccess((done) -> this.confirmedGlobs.addAll(patterns));
		}

		void listenPattern(String glob) {
			if (this.requestedGlobs.add(glob)) {
				this.subscription.pSubscribe(bytes(glob))
					.timeout(RedisBroker.this.commandTimeout)
					.subscribe(null, this::fail, () -> this.confirmedGlobs.add(glob));
			}
		}

		void stopListeningPattern(String glob) {
			if (this.requestedGlobs.remove(glob)) {
				this.subscription.pUnsubscribe(bytes(glob))
					.timeout(RedisBroker.this.commandTimeout)
					.subscribe(null, this::fail, () -> this.confirmedGlobs.remove(glob));
			}
		}

		void fail(Throwable ex) {
			this.failure.tryEmitError(ex);
		}

	}

	/**
	 * The (origin, sequence) pairs of the envelopes received last; used by the one thread
	 * that receives.
	 */
	private static final class RecentEnvelopes {

		private final Map<String, Boolean> seen;

		RecentEnvelopes(int capacity) {
			this.seen = new LinkedHashMap<>(capacity * 2, 0.75f) {

				@Override
				protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
					return size() > capacity;
				}

			};
		}

		/**
		 * @return whether the envelope is new
		 */
		synchronized boolean add(String origin, long sequence) {
			return this.seen.putIfAbsent(origin + ':' + sequence, Boolean.TRUE) == null;
		}

	}

	/** Configures a {@link RedisBroker}. */
	public static final class Builder {

		private final ReactiveRedisConnectionFactory connectionFactory;

		private JsonMapper mapper = JsonMapper.builder().build();

		private String channelPrefix = DEFAULT_CHANNEL_PREFIX;

		private Duration commandTimeout = Duration.ofSeconds(2);

		private Duration healthCheckInterval = Duration.ofSeconds(1);

		private Duration minBackoff = Duration.ofMillis(100);

		private Duration maxBackoff = Duration.ofSeconds(5);

		private int maxPendingPublishes = 10_000;

		private Duration failureLogInterval = Duration.ofSeconds(10);

		private String calleePrefix = DEFAULT_CALLEE_PREFIX;

		private Duration calleeTtl = Duration.ofSeconds(5);

		private Builder(ReactiveRedisConnectionFactory connectionFactory) {
			Assert.notNull(connectionFactory, "connectionFactory must not be null");
			this.connectionFactory = connectionFactory;
		}

		/**
		 * @param mapper writes events into envelopes; use the server codec's mapper
		 * @return this builder
		 */
		public Builder mapper(JsonMapper mapper) {
			this.mapper = mapper;
			return this;
		}

		/**
		 * @param channelPrefix put before a topic URI to name its channel
		 * @return this builder
		 */
		public Builder channelPrefix(String channelPrefix) {
			this.channelPrefix = channelPrefix;
			return this;
		}

		/**
		 * @param commandTimeout the longest wait for Redis to answer a command
		 * @return this builder
		 */
		public Builder commandTimeout(Duration commandTimeout) {
			Assert.isTrue(isPositive(commandTimeout), "commandTimeout must be positive");
			this.commandTimeout = commandTimeout;
			return this;
		}

		/**
		 * @param healthCheckInterval the pause between two PINGs on the connection
		 * @return this builder
		 */
		public Builder healthCheckInterval(Duration healthCheckInterval) {
			Assert.isTrue(isPositive(healthCheckInterval), "healthCheckInterval must be positive");
			this.healthCheckInterval = healthCheckInterval;
			return this;
		}

		/**
		 * @param min the first pause before reconnecting
		 * @param max the longest pause before reconnecting
		 * @return this
		 */
		public Builder reconnectBackoff(Duration min, Duration max) {
			Assert.isTrue(isPositive(min) && max.compareTo(min) >= 0, "need 0 < min <= max");
			this.minBackoff = min;
			this.maxBackoff = max;
			return this;
		}

		/**
		 * @param maxPendingPublishes publishes waiting for Redis; more fail at once
		 * @return this builder
		 */
		public Builder maxPendingPublishes(int maxPendingPublishes) {
			Assert.isTrue(maxPendingPublishes > 0, "maxPendingPublishes must be positive");
			this.maxPendingPublishes = maxPendingPublishes;
			return this;
		}

		/**
		 * @param failureLogInterval the shortest time between two failure warnings
		 * @return this builder
		 */
		public Builder failureLogInterval(Duration failureLogInterval) {
			this.failureLogInterval = failureLogInterval;
			return this;
		}

		/**
		 * @param calleePrefix put before the names of the Redis keys and channels that
		 * relay calls to client-registered procedures
		 * @return this builder
		 */
		public Builder calleePrefix(String calleePrefix) {
			this.calleePrefix = calleePrefix;
			return this;
		}

		/**
		 * @param calleeTtl how long a node's procedure names and alive mark outlive its
		 * last health check: a dead node's names become free, and the calls waiting for
		 * it fail, that long after it stopped answering
		 * @return this builder
		 */
		public Builder calleeTtl(Duration calleeTtl) {
			Assert.isTrue(isPositive(calleeTtl), "calleeTtl must be positive");
			this.calleeTtl = calleeTtl;
			return this;
		}

		private static boolean isPositive(Duration duration) {
			return !duration.isNegative() && !duration.isZero();
		}

		/**
		 * Builds the broker; the server starts it.
		 * @return the broker
		 */
		public RedisBroker build() {
			return new RedisBroker(this);
		}

	}

}
