package dev.websocket.server.engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.websocket.server.broker.CalleeRelay;
import dev.websocket.server.engine.WampServerListener.CallOutcome;
import dev.websocket.server.support.Failures;
import dev.websocket.server.wamp.WampErrors;
import dev.websocket.server.wamp.WampException;
import dev.websocket.server.wamp.routing.Route;
import dev.websocket.server.wamp.routing.UriRouter;
import dev.websocket.server.wamp.rpc.ProgressiveResult;
import dev.websocket.server.wamp.rpc.RpcHandler;
import dev.websocket.server.wamp.rpc.RpcInvocation;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * RPC dispatch for every protocol: routes a CALL to its handler, enforces authorization
 * and the in-flight limit, waits for an asynchronous result within the call timeout, and
 * answers exactly once through the connection's {@code callResult} / {@code callError}
 * (which a connection writes in its own protocol's messages). Runs on the connection's
 * I/O thread; nothing here blocks.
 */
final class CallDispatcher {

	private static final Logger logger = LoggerFactory.getLogger(CallDispatcher.class);

	/** The description sent for unexpected handler failures; the cause is only logged. */
	static final String INTERNAL_ERROR_DESCRIPTION = "Internal error";

	private final WampServerSettings settings;

	private final UriRouter<RpcHandler> procedures;

	private final Authorization authorization;

	private final WampServerListener listener;

	/** The procedures WAMP v2 clients registered, for names no handler serves. */
	private final Wamp2Callees callees;

	CallDispatcher(WampServerSettings settings, UriRouter<RpcHandler> procedures, Authorization authorization,
			WampServerListener listener, Wamp2Callees callees) {
		this.settings = settings;
		this.procedures = procedures;
		this.authorization = authorization;
		this.listener = listener;
		this.callees = callees;
	}

	/**
	 * Answers one CALL.
	 * @param connection the caller
	 * @param callId the call's id, echoed in the answer
	 * @param uri the procedure's full URI
	 * @param arguments the positional arguments
	 */
	void call(DecoratedConnection connection, String callId, String uri, List<JsonNode> arguments) {
		call(connection, callId, uri, arguments, Map.of(), CallOptions.NONE);
	}

	/** Whether a handler serves the procedure URI (so no client may register it). */
	boolean isServed(String uri) {
		return procedures.route(uri).isPresent();
	}

	/**
	 * Whether a connection may register a procedure as a client callee: registering a
	 * name needs the right to call it.
	 * @param connection the would-be callee
	 * @param uri the procedure URI
	 * @return whether the authorizer allows it
	 */
	boolean mayRegister(DecoratedConnection connection, String uri) {
		return authorization.isAllowed(connection, Action.CALL, uri);
	}

	/**
	 * Answers one CALL of either protocol generation through the connection's
	 * {@code callResult} / {@code callError} (a v2 connection answers RESULT / ERROR).
	 * @param connection the caller
	 * @param callId the call's id (a v2 request id in decimal)
	 * @param uri the procedure's full URI
	 * @param arguments the positional arguments
	 * @param argumentsKw the keyword arguments (v2 only)
	 * @param options what a v2 caller asked for
	 */
	void call(DecoratedConnection connection, String callId, String uri, List<JsonNode> arguments,
			Map<String, JsonNode> argumentsKw, CallOptions options) {
		long start = System.nanoTime();
		WampErrors errors = settings.errors();
		Optional<Route<RpcHandler>> found = procedures.route(uri);
		if (found.isEmpty()) {
			Wamp2Callees.Registration registration = callees.find(uri);
			if (registration != null) {
				if (!admit(connection, callId, uri, uri, start)) {
					return;
				}
				callees.invoke(connection, callId, registration, arguments, argumentsKw, options, start);
				return;
			}
			CalleeRelay relay = callees.relay();
			if (relay != null) {
				callRemote(relay, connection, callId, uri, arguments, argumentsKw, options, start);
				return;
			}
			noSuchProcedure(connection, callId, uri, start);
			return;
		}
		Route<RpcHandler> route = found.get();
		if (!admit(connection, callId, uri, route.pattern(), start)) {
			return;
		}
		PendingCall pending = new PendingCall(connection, callId, uri, route.pattern(), start);
		Object result;
		try {
			result = route.handler()
				.handle(new RpcInvocation(connection, callId, uri, route.pattern(), route.variables(), arguments,
						argumentsKw, errors));
		}
		catch (Throwable ex) {
			pending.fail(ex);
			return;
		}
		Duration timeout = options.effectiveTimeout(settings.callTimeout());
		if (result instanceof ProgressiveResult progressive) {
			if (options.receiveProgress() && connection instanceof Wamp2Connection v2) {
				Flux<?> parts = Flux.from(progressive.results());
				if (!timeout.isZero()) {
					parts = parts.timeout(timeout);
				}
				Disposable subscription = parts.subscribe((part) -> {
					if (!pending.isAnswered()) {
						v2.progress(callId, part);
					}
				}, pending::fail, () -> pending.succeed(PROGRESS_DONE));
				if (!pending.isAnswered()) {
					pending.track(subscription);
				}
				return;
			}
			result = Flux.from(progressive.results()).collectList();
		}
		if (result == null || !isAsync(result)) {
			pending.succeed(result);
			return;
		}
		Mono<?> mono = toMono(result);
		if (!timeout.isZero()) {
			mono = mono.timeout(timeout);
		}
		Disposable subscription = mono.subscribe(pending::succeed, pending::fail, () -> pending.succeed(null));
		if (!pending.isAnswered()) {
			pending.track(subscription);
		}
	}

	/**
	 * Lets a call past the authorizer and the in-flight bound, or answers it with the
	 * refusal: every way a call is served (a bean, a callee here, a callee on another
	 * node) is admitted the same way.
	 * @param connection the caller
	 * @param callId the call's id
	 * @param uri the procedure's full URI
	 * @param name what the call is reported under (the route's pattern, or the URI)
	 * @param start when the call arrived ({@link System#nanoTime()})
	 * @return whether the call may go on; if so, it counts as in flight
	 */
	private boolean admit(DecoratedConnection connection, String callId, String uri, String name, long start) {
		WampErrors errors = settings.errors();
		if (!authorization.isAllowed(connection, Action.CALL, uri)) {
			connection.callError(callId, errors.notAuthorized(), "Not authorized: " + uri);
			listener.callCompleted(connection, name, CallOutcome.NOT_AUTHORIZED, System.nanoTime() - start);
			return false;
		}
		if (connection.incrementInFlightCalls() > settings.maxInFlightCalls()) {
			connection.decrementInFlightCalls();
			connection.callError(callId, errors.tooManyCalls(), "Too many calls in flight");
			listener.callCompleted(connection, name, CallOutcome.TOO_MANY_CALLS, System.nanoTime() - start);
			return false;
		}
		return true;
	}

	private void noSuchProcedure(DecoratedConnection connection, String callId, String uri, long start) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("code", 404);
		details.put("uri", uri);
		connection.callError(callId, settings.errors().noSuchProcedure(), "No such procedure: " + uri, details);
		listener.callCompleted(connection, null, CallOutcome.NO_SUCH_PROCEDURE, System.nanoTime() - start);
	}

	/**
	 * A CALL that neither a handler nor a callee on this node serves: to the callee of
	 * another node when the relay knows one, else no such procedure.
	 */
	private void callRemote(CalleeRelay relay, DecoratedConnection connection, String callId, String uri,
			List<JsonNode> arguments, Map<String, JsonNode> argumentsKw, CallOptions options, long start) {
		Mono<String> owner;
		try {
			owner = relay.owner(uri);
		}
		catch (RuntimeException ex) {
			owner = Mono.error(ex);
		}
		owner.map(Optional::of).defaultIfEmpty(Optional.empty()).onErrorResume((ex) -> {
			logger.debug("Could not look up the owner of {}", uri, ex);
			return Mono.just(Optional.empty());
		}).subscribe((node) -> {
			if (node.isEmpty()) {
				noSuchProcedure(connection, callId, uri, start);
				return;
			}
			if (!admit(connection, callId, uri, uri, start)) {
				return;
			}
			callees.invokeRemote(relay, node.get(), connection, callId, uri, arguments, argumentsKw, options, start);
		});
	}

	private static boolean isAsync(Object result) {
		return result instanceof Publisher<?> || result instanceof CompletionStage<?>;
	}

	private static Mono<?> toMono(Object result) {
		if (result instanceof Mono<?> mono) {
			return mono;
		}
		if (result instanceof Publisher<?> publisher) {
			return Mono.from(publisher);
		}
		return Mono.fromCompletionStage((CompletionStage<?>) result);
	}

	/** What a finished progressive result answers: a final RESULT without arguments. */
	private static final Object PROGRESS_DONE = new Object();

	/** One CALL awaiting its answer; answers exactly once. */
	private final class PendingCall {

		private final DecoratedConnection connection;

		private final String callId;

		private final String uri;

		private final String pattern;

		private final long start;

		private final AtomicBoolean answered = new AtomicBoolean();

		private volatile @Nullable Disposable subscription;

		PendingCall(DecoratedConnection connection, String callId, String uri, String pattern, long start) {
			this.connection = connection;
			this.callId = callId;
			this.uri = uri;
			this.pattern = pattern;
			this.start = start;
		}

		boolean isAnswered() {
			return answered.get();
		}

		void track(Disposable subscription) {
			this.subscription = subscription;
			connection.pendingCalls().add(subscription);
			if (connection instanceof Wamp2Connection v2) {
				v2.cancellable(callId, this::cancel);
			}
			if (answered.get()) {
				connection.pendingCalls().remove(subscription);
				if (connection instanceof Wamp2Connection v2) {
					v2.settled(callId);
				}
			}
		}

		/**
		 * The caller cancelled: the handler's result is dropped.
		 * @param answer whether to answer ERROR {@code wamp.error.canceled}
		 */
		void cancel(boolean answer) {
			if (!claim()) {
				return;
			}
			Disposable current = subscription;
			if (current != null) {
				current.dispose();
			}
			if (answer && connection instanceof Wamp2Connection v2) {
				v2.canceled(callId);
			}
			done(CallOutcome.CANCELLED);
		}

		private boolean claim() {
			if (!answered.compareAndSet(false, true)) {
				return false;
			}
			if (connection instanceof Wamp2Connection v2) {
				v2.settled(callId);
			}
			connection.decrementInFlightCalls();
			Disposable current = subscription;
			if (current != null) {
				connection.pendingCalls().remove(current);
			}
			return true;
		}

		void succeed(@Nullable Object value) {
			if (!claim()) {
				return;
			}
			try {
				if (value == PROGRESS_DONE && connection instanceof Wamp2Connection v2) {
					v2.progressDone(callId);
				}
				else {
					connection.callResult(callId, value);
				}
			}
			catch (RuntimeException ex) {
				// The result could not be encoded: answer with the generic error instead.
				logger.error("Result of procedure {} for session {} could not be sent", uri, connection.sessionId(),
						ex);
				listener.error(connection, ex);
				connection.callError(callId, settings.errors().internalError(), INTERNAL_ERROR_DESCRIPTION);
				done(CallOutcome.INTERNAL_ERROR);
				return;
			}
			done(CallOutcome.SUCCESS);
		}

		void fail(Throwable failure) {
			if (!claim()) {
				return;
			}
			Throwable error = Failures.unwrap(failure);
			if (error instanceof WampException wamp) {
				try {
					connection.callError(callId, wamp.errorUri(), wamp.description(), wamp.details());
					done(CallOutcome.APPLICATION_ERROR);
					return;
				}
				catch (RuntimeException ex) {
					error = ex;
				}
			}
			if (error instanceof TimeoutException) {
				logger.warn("Procedure {} for session {} timed out after {}", uri, connection.sessionId(),
						settings.callTimeout());
				connection.callError(callId, settings.errors().timeout(), "The call timed out");
				done(CallOutcome.TIMEOUT);
				return;
			}
			logger.error("Procedure {} failed for session {}", uri, connection.sessionId(), error);
			listener.error(connection, error);
			connection.callError(callId, settings.errors().internalError(), INTERNAL_ERROR_DESCRIPTION);
			done(CallOutcome.INTERNAL_ERROR);
		}

		private void done(CallOutcome outcome) {
			listener.callCompleted(connection, pattern, outcome, System.nanoTime() - start);
		}

	}

}
