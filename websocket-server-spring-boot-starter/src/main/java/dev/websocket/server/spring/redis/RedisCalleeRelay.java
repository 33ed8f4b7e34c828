package dev.websocket.server.spring.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.websocket.server.broker.CalleeRelay;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.RedisStringCommands;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.types.Expiration;

/**
 * The {@link CalleeRelay} of a {@link RedisBroker}: calls to client-registered procedures
 * between the nodes sharing a Redis server.
 *
 * <p>
 * <b>Ownership.</b> A procedure registered on a node is the key
 * {@code <calleePrefix>procedure:<uri>} holding the node's id with a time to live of
 * {@code calleeTtl}; a node sets it only when it is absent or its own (one Lua script),
 * so a name has one owner across the nodes, and the node renews its keys at every health
 * check. A node that dies stops renewing; its names become free after {@code calleeTtl}.
 * A node that stops deletes its own keys. Each node also keeps
 * {@code <calleePrefix>alive:<nodeId>} alive the same way.
 *
 * <p>
 * <b>Calls.</b> Each node listens to its own channel {@code <calleePrefix>node:<nodeId>}.
 * A caller's node reads the owner key, publishes the call to the owner's channel and
 * keeps it under a number of its own; the owner invokes its callee and publishes
 * progressive results and the final answer to the caller's channel; a cancel (the
 * caller's CANCEL or timeout) goes the same way. A call published to a channel nobody
 * listens to is answered at once as cancelled; at every health check a node checks the
 * alive keys of the nodes its pending calls wait for and cancels the calls of a node that
 * is gone (so a caller learns of a dead callee node within {@code calleeTtl} plus a
 * health check interval), and a node that loses Redis cancels the calls it waits for at
 * once. Payloads are JSON written with the server codec's mapper and read back with
 * numbers as written.
 */
final class RedisCalleeRelay implements CalleeRelay {

	private static final Logger logger = LoggerFactory.getLogger(RedisCalleeRelay.class);

	/**
	 * Sets each key to the node's id when absent or already its own; one '0'/'1' per key.
	 */
	private static final ByteBuffer CLAIM = script("""
			local claimed = {}
			for i, key in ipairs(KEYS) do
			  local owner = redis.call('get', key)
			  if owner == false or owner == ARGV[1] then
			    redis.call('set', key, ARGV[1], 'px', ARGV[2])
			    claimed[i] = '1'
			  else
			    claimed[i] = '0'
			  end
			end
			return table.concat(claimed)
			""");

	/** Deletes each key that holds the node's id. */
	private static final ByteBuffer RELEASE = script("""
			local deleted = 0
			for _, key in ipairs(KEYS) do
			  if redis.call('get', key) == ARGV[1] then
			    deleted = deleted + redis.call('del', key)
			  end
			end
			return deleted
			""");

	private static final String CALL = "call";

	private static final String PROGRESS = "progress";

	private static final String RESULT = "result";

	private static final String ERROR = "error";

	private static final String CANCELED = "canceled";

	private static final String TIMEOUT = "timeout";

	private static final String CANCEL = "cancel";

	private final String nodeId;

	private final String prefix;

	private final Duration ttl;

	private final Duration commandTimeout;

	private final JsonMapper writer;

	private final JsonMapper reader;

	/** The connection of the broker's link while it is ready, else {@code null}. */
	private final Supplier<@Nullable ReactiveRedisConnection> connection;

	/** Names this node claimed (or will claim once Redis answers). */
	private final Set<String> owned = ConcurrentHashMap.newKeySet();

	/** Calls of callers here waiting for another node, by this node's number for them. */
	private final Map<Long, Outgoing> outgoing = new ConcurrentHashMap<>();

	/** Calls from other nodes to callees here, by caller node and its number. */
	private final Map<String, Incoming> incoming = new ConcurrentHashMap<>();

	private final AtomicLong numbers = new AtomicLong();

	private volatile @Nullable LocalCallees local;

	RedisCalleeRelay(String nodeId, String prefix, Duration ttl, Duration commandTimeout, JsonMapper writer,
			JsonMapper reader, Supplier<@Nullable ReactiveRedisConnection> connection) {
		this.nodeId = nodeId;
		this.prefix = prefix;
		this.ttl = ttl;
		this.commandTimeout = commandTimeout;
		this.writer = writer;
		this.reader = reader;
		this.connection = connection;
	}

	private static ByteBuffer script(String text) {
		return bytes(text);
	}

	private static ByteBuffer bytes(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	/** The channel this node listens to for calls and answers. */
	String nodeChannel() {
		return channelOf(this.nodeId);
	}

	private String channelOf(String node) {
		return this.prefix + "node:" + node;
	}

	/** The key naming the owner of a procedure. */
	String procedureKey(String procedure) {
		return this.prefix + "procedure:" + procedure;
	}

	private String aliveKey(String node) {
		return this.prefix + "alive:" + node;
	}

	@Override
	public void start(LocalCallees localCallees) {
		this.local = localCallees;
	}

	// ---- ownership

	@Override
	public Mono<Boolean> claim(String procedure) {
		ReactiveRedisConnection current = this.connection.get();
		if (current == null) {
			// claimed at the next health check once Redis answers
			this.owned.add(procedure);
			return Mono.just(true);
		}
		return claimAll(current, List.of(procedure)).map((claimed) -> claimed.isEmpty() || claimed.get(0))
			.doOnNext((claimed) -> {
				if (claimed) {
					this.owned.add(procedure);
				}
			})
			.onErrorResume((ex) -> {
				logger.debug("Could not claim procedure {} in Redis; claiming it at the next health check", procedure,
						ex);
				this.owned.add(procedure);
				return Mono.just(true);
			});
	}

	private Mono<List<Boolean>> claimAll(ReactiveRedisConnection current, List<String> procedures) {
		ByteBuffer[] keysAndArgs = new ByteBuffer[procedures.size() + 2];
		for (int i = 0; i < procedures.size(); i++) {
			keysAndArgs[i] = bytes(procedureKey(procedures.get(i)));
		}
		keysAndArgs[procedures.size()] = bytes(this.nodeId);
		keysAndArgs[procedures.size() + 1] = bytes(Long.toString(this.ttl.toMillis()));
		return current.scriptingCommands()
			.eval(CLAIM.duplicate(), ReturnType.VALUE, procedures.size(), keysAndArgs)
			.next()
			.timeout(this.commandTimeout)
			.map((reply) -> {
				String flags = text(reply);
				List<Boolean> claimed = new ArrayList<>(flags.length());
				for (int i = 0; i < flags.length(); i++) {
					claimed.add(flags.charAt(i) == '1');
				}
				return claimed;
			});
	}

	private static String text(Object reply) {
		if (reply instanceof ByteBuffer buffer) {
			return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
		}
		if (reply instanceof byte[] array) {
			return new String(array, StandardCharsets.UTF_8);
		}
		return String.valueOf(reply);
	}

	@Override
	public void release(String procedure) {
		if (!this.owned.remove(procedure)) {
			return;
		}
		ReactiveRedisConnection current = this.connection.get();
		if (current != null) {
			releaseAll(current, List.of(procedure)).subscribe(null,
					(ex) -> logger.debug("Could not release procedure {} in Redis", procedure, ex));
		}
	}

	private Mono<Void> releaseAll(ReactiveRedisConnection current, List<String> procedures) {
		ByteBuffer[] keysAndArgs = new ByteBuffer[procedures.size() + 1];
		for (int i = 0; i < procedures.size(); i++) {
			keysAndArgs[i] = bytes(procedureKey(procedures.get(i)));
		}
		keysAndArgs[procedures.size()] = bytes(this.nodeId);
		return current.scriptingCommands()
			.eval(RELEASE.duplicate(), ReturnType.INTEGER, procedures.size(), keysAndArgs)
			.timeout(this.commandTimeout)
			.then();
	}

	@Override
	public Mono<String> owner(String procedure) {
		ReactiveRedisConnection current = this.connection.get();
		if (current == null) {
			return Mono.empty();
		}
		return current.stringCommands()
			.get(bytes(procedureKey(procedure)))
			.timeout(this.commandTimeout)
			.map(RedisCalleeRelay::text)
			// this node's own name without an active registration here: being registered
			.filter((node) -> !node.equals(this.nodeId));
	}

	// ---- health

	/**
	 * Renews this node's alive key and names, and cancels the calls waiting for nodes
	 * that are gone; run at every health check.
	 * @param current the connection
	 * @return completes when done; never fails
	 */
	Mono<Void> heartbeat(ReactiveRedisConnection current) {
		Mono<Void> alive = current.stringCommands()
			.set(bytes(aliveKey(this.nodeId)), bytes("1"), Expiration.from(this.ttl),
					RedisStringCommands.SetOption.upsert())
			.timeout(this.commandTimeout)
			.then();
		return alive.then(renew(current)).then(checkPeers(current)).onErrorResume((ex) -> {
			logger.debug("Callee heartbeat failed", ex);
			return Mono.empty();
		});
	}

	private Mono<Void> renew(ReactiveRedisConnection current) {
		List<String> procedures = List.copyOf(this.owned);
		if (procedures.isEmpty()) {
			return Mono.empty();
		}
		return claimAll(current, procedures).doOnNext((claimed) -> {
			for (int i = 0; i < claimed.size() && i < procedures.size(); i++) {
				if (!claimed.get(i) && this.owned.remove(procedures.get(i))) {
					logger.warn("Procedure {} is now served by another node: its registration here expired "
							+ "while this node could not reach Redis; callers on other nodes reach the other one",
							procedures.get(i));
				}
			}
		}).then();
	}

	private Mono<Void> checkPeers(ReactiveRedisConnection current) {
		Set<String> peers = new HashSet<>();
		this.outgoing.values().forEach((call) -> peers.add(call.node));
		this.incoming.values().forEach((call) -> peers.add(call.node));
		if (peers.isEmpty()) {
			return Mono.empty();
		}
		return Flux.fromIterable(peers)
			.flatMap((peer) -> current.keyCommands()
				.exists(bytes(aliveKey(peer)))
				.timeout(this.commandTimeout)
				.filter((exists) -> !exists)
				.doOnNext((gone) -> peerGone(peer, "The callee's node is gone")))
			.then();
	}

	/** Ends every call waiting for or coming from a node. */
	private void peerGone(String peer, String reason) {
		this.outgoing.forEach((number, call) -> {
			if (call.node.equals(peer) && this.outgoing.remove(number, call)) {
				call.answers.canceled(reason);
			}
		});
		this.incoming.forEach((key, call) -> {
			if (call.node.equals(peer) && this.incoming.remove(key, call)) {
				call.cancel();
			}
		});
	}

	/** The broker lost Redis: calls between nodes cannot be answered any more. */
	void disconnected() {
		for (Long number : List.copyOf(this.outgoing.keySet())) {
			Outgoing call = this.outgoing.remove(number);
			if (call != null) {
				call.answers.canceled("Lost the connection to the callee's node");
			}
		}
		for (String key : List.copyOf(this.incoming.keySet())) {
			Incoming call = this.incoming.remove(key);
			if (call != null) {
				call.cancel();
			}
		}
	}

	/** The broker stops: gives up this node's names and alive key. */
	void stop() {
		ReactiveRedisConnection current = this.connection.get();
		List<String> procedures = List.copyOf(this.owned);
		this.owned.clear();
		if (current != null) {
			Mono<Void> cleanup = current.keyCommands()
				.del(bytes(aliveKey(this.nodeId)))
				.then(procedures.isEmpty() ? Mono.empty() : releaseAll(current, procedures))
				.timeout(this.commandTimeout)
				.onErrorResume((ex) -> {
					logger.debug("Could not remove this node's callee keys from Redis", ex);
					return Mono.empty();
				});
			if (Schedulers.isInNonBlockingThread()) {
				cleanup.subscribe();
			}
			else {
				cleanup.block();
			}
		}
		disconnected();
	}

	// ---- calls

	@Override
	public Cancellable invoke(String node, RelayedCall call, Answers answers) {
		long number = this.numbers.incrementAndGet();
		Outgoing pending = new Outgoing(node, answers);
		this.outgoing.put(number, pending);
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("k", CALL);
		message.put("f", this.nodeId);
		message.put("c", number);
		message.put("p", call.procedure());
		message.put("a", call.arguments());
		message.put("w", call.argumentsKw());
		message.put("r", call.receiveProgress());
		message.put("t", call.timeoutMillis());
		message.put("d", call.caller());
		send(node, message).subscribe((receivers) -> {
			if (receivers == 0 && this.outgoing.remove(number, pending)) {
				answers.canceled("The callee's node is gone");
			}
		}, (ex) -> {
			logger.debug("Could not relay a call of {} to node {}", call.procedure(), node, ex);
			if (this.outgoing.remove(number, pending)) {
				answers.canceled("The callee's node cannot be reached");
			}
		});
		return () -> {
			if (this.outgoing.remove(number, pending)) {
				Map<String, Object> cancel = new LinkedHashMap<>();
				cancel.put("k", CANCEL);
				cancel.put("f", this.nodeId);
				cancel.put("c", number);
				send(node, cancel).subscribe(null,
						(ex) -> logger.debug("Could not relay a cancel to node {}", node, ex));
			}
		};
	}

	private Mono<Long> send(String node, Map<String, Object> message) {
		ReactiveRedisConnection current = this.connection.get();
		if (current == null) {
			return Mono.error(new IllegalStateException("Not connected to Redis"));
		}
		ByteBuffer payload;
		try {
			payload = ByteBuffer.wrap(this.writer.writeValueAsBytes(message));
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
		return current.pubSubCommands().publish(bytes(channelOf(node)), payload).timeout(this.commandTimeout);
	}

	/**
	 * A message on this node's channel.
	 * @param bytes its payload
	 * @throws RuntimeException when it cannot be read
	 */
	void onMessage(byte[] bytes) {
		JsonNode message = this.reader.readTree(bytes);
		String kind = message.path("k").asString("");
		long number = message.path("c").asLong(0);
		switch (kind) {
			case CALL -> called(message, number);
			case CANCEL -> {
				Incoming call = this.incoming.remove(message.path("f").asString("") + ':' + number);
				if (call != null) {
					call.cancel();
				}
			}
			case PROGRESS -> {
				Outgoing call = this.outgoing.get(number);
				if (call != null) {
					call.answers.progress(list(message.path("a")), map(message.path("w")));
				}
			}
			case RESULT, ERROR, CANCELED, TIMEOUT -> {
				Outgoing call = this.outgoing.remove(number);
				if (call == null) {
					return;
				}
				switch (kind) {
					case RESULT -> call.answers.result(list(message.path("a")), map(message.path("w")));
					case ERROR -> call.answers.error(message.path("u").asString("wamp.error.runtime_error"),
							list(message.path("a")), map(message.path("w")));
					case CANCELED -> call.answers.canceled(message.path("m").asString("The callee left"));
					default -> call.answers.timedOut();
				}
			}
			default -> throw new IllegalArgumentException("Unknown relay message kind: " + kind);
		}
	}

	private void called(JsonNode message, long number) {
		String from = message.path("f").asString("");
		if (from.isEmpty()) {
			throw new IllegalArgumentException("Relayed call without its caller's node");
		}
		String key = from + ':' + number;
		RelayedCall call = new RelayedCall(message.path("p").asString(""), list(message.path("a")),
				map(message.path("w")), message.path("r").asBoolean(false), message.path("t").asLong(0),
				message.path("d").asLong(0));
		Incoming pending = new Incoming(from);
		this.incoming.put(key, pending);
		LocalCallees callees = this.local;
		Cancellable cancel = (callees != null) ? callees.invoke(call, new Replies(from, number, key, pending)) : null;
		if (cancel == null) {
			if (this.incoming.remove(key, pending)) {
				Map<String, Object> reply = reply(ERROR, number);
				reply.put("u", "wamp.error.no_such_procedure");
				reply.put("a", List.of("No such procedure: " + call.procedure()));
				send(from, reply).subscribe(null, (ex) -> logger.debug("Could not answer node {}", from, ex));
			}
			return;
		}
		pending.cancel = cancel;
		if (!this.incoming.containsKey(key)) {
			// answered or cancelled before the callee's handle was known
			pending.cancel();
		}
	}

	private static List<JsonNode> list(JsonNode node) {
		List<JsonNode> values = new ArrayList<>(node.size());
		if (node.isArray()) {
			node.forEach(values::add);
		}
		return values;
	}

	private static Map<String, JsonNode> map(JsonNode node) {
		Map<String, JsonNode> values = new LinkedHashMap<>();
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				values.put(entry.getKey(), entry.getValue());
			}
		}
		return values;
	}

	private static Map<String, Object> reply(String kind, long number) {
		Map<String, Object> reply = new LinkedHashMap<>();
		reply.put("k", kind);
		reply.put("c", number);
		return reply;
	}

	/** Pending calls waiting for another node (caller side). */
	private static final class Outgoing {

		final String node;

		final Answers answers;

		Outgoing(String node, Answers answers) {
			this.node = node;
			this.answers = answers;
		}

	}

	/** A call from another node to a callee here (callee side). */
	private static final class Incoming {

		final String node;

		volatile @Nullable Cancellable cancel;

		private final AtomicBoolean cancelled = new AtomicBoolean();

		Incoming(String node) {
			this.node = node;
		}

		void cancel() {
			Cancellable current = this.cancel;
			if (current != null && this.cancelled.compareAndSet(false, true)) {
				current.cancel();
			}
		}

	}

	/** Sends a callee's answers back to the caller's node. */
	private final class Replies implements Answers {

		private final String node;

		private final long number;

		private final String key;

		private final Incoming pending;

		Replies(String node, long number, String key, Incoming pending) {
			this.node = node;
			this.number = number;
			this.key = key;
			this.pending = pending;
		}

		@Override
		public void progress(List<?> arguments, Map<String, ?> argumentsKw) {
			if (incoming.get(this.key) == this.pending) {
				Map<String, Object> reply = reply(PROGRESS, this.number);
				reply.put("a", arguments);
				reply.put("w", argumentsKw);
				answer(reply);
			}
		}

		@Override
		public void result(List<?> arguments, Map<String, ?> argumentsKw) {
			Map<String, Object> reply = reply(RESULT, this.number);
			reply.put("a", arguments);
			reply.put("w", argumentsKw);
			finish(reply);
		}

		@Override
		public void error(String errorUri, List<?> arguments, Map<String, ?> argumentsKw) {
			Map<String, Object> reply = reply(ERROR, this.number);
			reply.put("u", errorUri);
			reply.put("a", arguments);
			reply.put("w", argumentsKw);
			finish(reply);
		}

		@Override
		public void canceled(String reason) {
			Map<String, Object> reply = reply(CANCELED, this.number);
			reply.put("m", reason);
			finish(reply);
		}

		@Override
		public void timedOut() {
			finish(reply(TIMEOUT, this.number));
		}

		private void finish(Map<String, Object> reply) {
			if (incoming.remove(this.key, this.pending)) {
				answer(reply);
			}
		}

		private void answer(Map<String, Object> reply) {
			send(this.node, reply).subscribe(null,
					(ex) -> logger.debug("Could not answer a relayed call of node {}", this.node, ex));
		}

	}

}
