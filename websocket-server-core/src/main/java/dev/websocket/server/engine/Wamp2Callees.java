package dev.websocket.server.engine;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.websocket.server.broker.CalleeRelay;
import dev.websocket.server.engine.WampServerListener.CallOutcome;
import dev.websocket.server.wamp2.message.Wamp2Message;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;

/**
 * The procedures WAMP v2 clients registered on this node (client callees), and their
 * INVOCATIONs in flight. A name has one owner: one a handler serves, or one already
 * registered, cannot be registered again. CALLs from v2 and v1 clients reach a callee
 * through INVOCATION; its YIELD or ERROR answers the caller in the caller's protocol (for
 * a v1 caller: a single positional result as it is, anything else as {@code {"args":
 * [...], "kwargs": {...}}}). A callee that leaves fails its pending invocations with
 * {@code wamp.error.canceled}; an invocation not answered within the call timeout is
 * interrupted and answered with the timeout error.
 *
 * <p>
 * With a {@link CalleeRelay} (a distributed broker's), a name is claimed across the nodes
 * before REGISTERED goes out, callers on other nodes reach this node's callees through
 * the relay, and callers here reach the callees of other nodes: the same pending
 * invocation answers them, its caller or its callee being on another node.
 */
final class Wamp2Callees {

	private static final Logger logger = LoggerFactory.getLogger(Wamp2Callees.class);

	private final WampServerSettings settings;

	private final WampServerListener listener;

	private final Scheduler timer;

	private final @Nullable CalleeRelay relay;

	private final Map<String, Registration> byProcedure = new ConcurrentHashMap<>();

	Wamp2Callees(WampServerSettings settings, WampServerListener listener, Scheduler timer,
			@Nullable CalleeRelay relay) {
		this.settings = settings;
		this.listener = listener;
		this.timer = timer;
		this.relay = relay;
	}

	/** The relay to other nodes' callees, or {@code null}. */
	@Nullable CalleeRelay relay() {
		return relay;
	}

	/** One client-registered procedure. */
	static final class Registration {

		private final long id;

		private final String procedure;

		private final Wamp2Connection callee;

		/** Whether REGISTERED went out (after the name was claimed across nodes). */
		private volatile boolean active;

		/**
		 * @param id the registration id (router scope)
		 * @param procedure the procedure URI
		 * @param callee the registering session
		 */
		Registration(long id, String procedure, Wamp2Connection callee) {
			this.id = id;
			this.procedure = procedure;
			this.callee = callee;
		}

		long id() {
			return id;
		}

		String procedure() {
			return procedure;
		}

		Wamp2Connection callee() {
			return callee;
		}

	}

	/** The active registration of a procedure URI, or {@code null}. */
	@Nullable Registration find(String uri) {
		Registration registration = byProcedure.get(uri);
		return (registration != null && registration.active) ? registration : null;
	}

	/** Whether a procedure URI is registered, or being registered, on this node. */
	boolean isRegistered(String uri) {
		return byProcedure.containsKey(uri);
	}

	/**
	 * Reserves a procedure for a callee; {@link #activate} completes the registration.
	 * @param callee the callee
	 * @param procedure the URI
	 * @return the registration, or {@code null} when the name already has an owner here
	 */
	@Nullable Registration register(Wamp2Connection callee, String procedure) {
		Registration registration = new Registration(Wamp2Ids.newId(), procedure, callee);
		if (byProcedure.putIfAbsent(procedure, registration) != null) {
			return null;
		}
		if (callee.isReleased()) {
			// the callee's socket closed meanwhile; its cleanup may have missed this one
			byProcedure.remove(procedure, registration);
		}
		return registration;
	}

	/**
	 * Claims a reserved procedure across nodes (at once without a relay), then makes it
	 * callable.
	 * @param registration the reserved registration
	 * @param done told {@code true} when it is active, {@code false} when another node
	 * serves the name (the reservation is dropped)
	 */
	void activate(Registration registration, Consumer<Boolean> done) {
		CalleeRelay current = relay;
		if (current == null) {
			registration.active = true;
			done.accept(true);
			return;
		}
		current.claim(registration.procedure()).defaultIfEmpty(true).onErrorReturn(true).subscribe((claimed) -> {
			if (!claimed) {
				byProcedure.remove(registration.procedure(), registration);
				done.accept(false);
				return;
			}
			if (byProcedure.get(registration.procedure()) != registration) {
				// unregistered or the callee left while the claim was on its way
				released(registration.procedure());
				return;
			}
			registration.active = true;
			done.accept(true);
		});
	}

	private void released(String procedure) {
		CalleeRelay current = relay;
		if (current != null && !byProcedure.containsKey(procedure)) {
			current.release(procedure);
		}
	}

	/**
	 * Ends a registration of a callee.
	 * @param callee the callee
	 * @param registrationId the registration id
	 * @return whether the callee had that registration
	 */
	boolean unregister(Wamp2Connection callee, long registrationId) {
		for (Registration registration : byProcedure.values()) {
			if (registration.id() == registrationId && registration.callee() == callee) {
				boolean removed = byProcedure.remove(registration.procedure(), registration);
				if (removed) {
					released(registration.procedure());
				}
				return removed;
			}
		}
		return false;
	}

	/** How many procedures a callee has registered. */
	int count(Wamp2Connection callee) {
		int count = 0;
		for (Registration registration : byProcedure.values()) {
			if (registration.callee() == callee) {
				count++;
			}
		}
		return count;
	}

	/**
	 * A callee left: its registrations end and each pending invocation fails.
	 * @param callee the callee
	 */
	void calleeLeft(Wamp2Connection callee) {
		for (Registration registration : List.copyOf(byProcedure.values())) {
			if (registration.callee() == callee && byProcedure.remove(registration.procedure(), registration)) {
				released(registration.procedure());
			}
		}
		for (PendingInvocation pending : List.copyOf(callee.invocations().values())) {
			pending.failCanceled("The callee left");
		}
	}

	// ---- invoking

	/**
	 * Sends INVOCATION for a CALL whose caller passed authorization and the in-flight
	 * limit (counted).
	 */
	void invoke(DecoratedConnection caller, String callId, Registration registration, List<JsonNode> arguments,
			Map<String, JsonNode> argumentsKw, CallOptions options, long start) {
		boolean progress = options.receiveProgress() && caller instanceof Wamp2Connection;
		Duration timeout = options.effectiveTimeout(settings.callTimeout());
		Wamp2Connection callee = registration.callee();
		PendingInvocation pending = new PendingInvocation(caller, callId, null, registration.procedure(), callee,
				callee.nextInvocationId(), progress, start);
		if (caller instanceof Wamp2Connection v2) {
			v2.cancellable(callId, pending::callerCanceled);
		}
		send(pending, registration, arguments, argumentsKw, timeout, options.discloseMe() ? caller.v2SessionId() : 0);
	}

	/**
	 * Relays a CALL to the node whose callee serves it, for a caller that passed
	 * authorization and the in-flight limit (counted).
	 */
	void invokeRemote(CalleeRelay relay, String node, DecoratedConnection caller, String callId, String procedure,
			List<JsonNode> arguments, Map<String, JsonNode> argumentsKw, CallOptions options, long start) {
		boolean progress = options.receiveProgress() && caller instanceof Wamp2Connection;
		Duration timeout = options.effectiveTimeout(settings.callTimeout());
		PendingInvocation pending = new PendingInvocation(caller, callId, null, procedure, null, 0, progress, start);
		schedule(pending, timeout);
		if (caller instanceof Wamp2Connection v2) {
			v2.cancellable(callId, pending::callerCanceled);
		}
		CalleeRelay.RelayedCall call = new CalleeRelay.RelayedCall(procedure, arguments, argumentsKw, progress,
				timeout.toMillis(), options.discloseMe() ? caller.v2SessionId() : 0);
		CalleeRelay.Cancellable cancel;
		try {
			cancel = relay.invoke(node, call, pending.answers());
		}
		catch (RuntimeException ex) {
			logger.debug("Relaying a call of {} failed", procedure, ex);
			pending.failCanceled("The callee's node cannot be reached");
			return;
		}
		pending.remoteCallee = cancel;
		if (pending.answered.get()) {
			// answered (cancelled, timed out) before the relay returned
			cancel.cancel();
		}
	}

	/**
	 * The relay's entry: a caller on another node calls a procedure a callee here
	 * registered.
	 * @param call the call
	 * @param answers where the answers go
	 * @return cancels it, or {@code null} when no callee here registered it
	 */
	CalleeRelay.@Nullable Cancellable invokeForRemote(CalleeRelay.RelayedCall call, CalleeRelay.Answers answers) {
		Registration registration = find(call.procedure());
		if (registration == null) {
			return null;
		}
		Wamp2Connection callee = registration.callee();
		PendingInvocation pending = new PendingInvocation(null, "", answers, registration.procedure(), callee,
				callee.nextInvocationId(), call.receiveProgress(), System.nanoTime());
		send(pending, registration, call.arguments(), call.argumentsKw(), Duration.ofMillis(call.timeoutMillis()),
				call.caller());
		return pending::remoteCanceled;
	}

	private void send(PendingInvocation pending, Registration registration, List<JsonNode> arguments,
			Map<String, JsonNode> argumentsKw, Duration timeout, long disclosedCaller) {
		Wamp2Connection callee = registration.callee();
		callee.invocations().put(pending.request, pending);
		schedule(pending, timeout);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("procedure", registration.procedure());
		if (pending.progress) {
			details.put("receive_progress", true);
		}
		if (disclosedCaller != 0) {
			details.put("caller", disclosedCaller);
		}
		callee.send(new Wamp2Message.Invocation(pending.request, registration.id(), details, arguments, argumentsKw));
		if (callee.isClosing()) {
			pending.failCanceled("The callee left");
		}
	}

	private void schedule(PendingInvocation pending, Duration timeout) {
		if (timeout.isZero() || timeout.isNegative()) {
			return;
		}
		try {
			pending.timer = timer.schedule(pending::timedOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Call timeout for {} not scheduled: the server is shutting down", pending.procedure);
		}
	}

	/**
	 * A callee's YIELD.
	 * @param callee the callee
	 * @param yield the message
	 */
	void yielded(Wamp2Connection callee, Wamp2Message.Yield yield) {
		PendingInvocation pending = callee.invocations().get(yield.request());
		if (pending == null) {
			// answered already (timed out, cancelled): the spec says to ignore it
			return;
		}
		JsonNode progress = yield.options().get("progress");
		if (progress != null && progress.isBoolean() && progress.booleanValue()) {
			pending.progress(yield.arguments(), yield.argumentsKw());
			return;
		}
		pending.succeed(yield.arguments(), yield.argumentsKw());
	}

	/**
	 * A callee's ERROR for an INVOCATION.
	 * @param callee the callee
	 * @param error the message
	 */
	void failed(Wamp2Connection callee, Wamp2Message.Error error) {
		PendingInvocation pending = callee.invocations().get(error.request());
		if (pending != null) {
			pending.fail(error.error(), error.arguments(), error.argumentsKw());
		}
	}

	/**
	 * The v1 form of a v2 payload: one positional value as it is, else args and kwargs.
	 */
	static @Nullable Object v1Value(List<?> arguments, Map<String, ?> argumentsKw) {
		if (argumentsKw.isEmpty() && arguments.size() == 1) {
			return arguments.get(0);
		}
		if (argumentsKw.isEmpty() && arguments.isEmpty()) {
			return null;
		}
		Map<String, Object> both = new LinkedHashMap<>();
		both.put("args", arguments);
		both.put("kwargs", argumentsKw);
		return both;
	}

	/**
	 * One call of a client-registered procedure awaiting its answer; answers its caller
	 * exactly once. The caller is a connection on this node or, relayed, on another node
	 * ({@code remoteCaller}); the callee a connection on this node or, relayed, on
	 * another node ({@code remoteCallee}).
	 */
	final class PendingInvocation {

		private final @Nullable DecoratedConnection caller;

		private final String callId;

		private final CalleeRelay.@Nullable Answers remoteCaller;

		private final String procedure;

		private final @Nullable Wamp2Connection callee;

		private final long request;

		private final boolean progress;

		private final long start;

		private final AtomicBoolean answered = new AtomicBoolean();

		volatile @Nullable Disposable timer;

		volatile CalleeRelay.@Nullable Cancellable remoteCallee;

		PendingInvocation(@Nullable DecoratedConnection caller, String callId,
				CalleeRelay.@Nullable Answers remoteCaller, String procedure, @Nullable Wamp2Connection callee,
				long request, boolean progress, long start) {
			this.caller = caller;
			this.callId = callId;
			this.remoteCaller = remoteCaller;
			this.procedure = procedure;
			this.callee = callee;
			this.request = request;
			this.progress = progress;
			this.start = start;
		}

		private boolean claim() {
			if (!answered.compareAndSet(false, true)) {
				return false;
			}
			if (callee != null) {
				callee.invocations().remove(request, this);
			}
			Disposable current = timer;
			if (current != null) {
				current.dispose();
			}
			if (caller != null) {
				if (caller instanceof Wamp2Connection v2) {
					v2.settled(callId);
				}
				caller.decrementInFlightCalls();
			}
			return true;
		}

		void progress(List<?> arguments, Map<String, ?> argumentsKw) {
			if (!progress || answered.get()) {
				return;
			}
			if (caller instanceof Wamp2Connection v2) {
				v2.result(Long.parseLong(callId), true, arguments, argumentsKw);
			}
			else if (remoteCaller != null) {
				remoteCaller.progress(arguments, argumentsKw);
			}
		}

		void succeed(List<?> arguments, Map<String, ?> argumentsKw) {
			if (!claim()) {
				return;
			}
			if (remoteCaller != null) {
				remoteCaller.result(arguments, argumentsKw);
			}
			else if (caller instanceof Wamp2Connection v2) {
				v2.result(Long.parseLong(callId), false, arguments, argumentsKw);
			}
			else if (caller != null) {
				caller.callResult(callId, v1Value(arguments, argumentsKw));
			}
			done(CallOutcome.SUCCESS);
		}

		void fail(String errorUri, List<?> arguments, Map<String, ?> argumentsKw) {
			if (!claim()) {
				return;
			}
			if (remoteCaller != null) {
				remoteCaller.error(errorUri, arguments, argumentsKw);
			}
			else if (caller instanceof Wamp2Connection v2) {
				v2.send(new Wamp2Message.Error(Wamp2Message.CALL, Long.parseLong(callId), Map.of(), errorUri, arguments,
						argumentsKw));
			}
			else if (caller != null) {
				Object first = arguments.isEmpty() ? null : arguments.get(0);
				String description = (first instanceof JsonNode node && node.isString()) ? node.stringValue()
						: (first instanceof String text) ? text : errorUri;
				Object details = !argumentsKw.isEmpty() ? argumentsKw
						: (arguments.size() > 1) ? arguments.subList(1, arguments.size()) : null;
				caller.callError(callId, errorUri, description, details);
			}
			done(CallOutcome.APPLICATION_ERROR);
		}

		void failCanceled(String reason) {
			if (!claim()) {
				return;
			}
			answerCanceled(reason);
			done(CallOutcome.CANCELLED);
		}

		/** The caller (on this node) cancelled the CALL. */
		void callerCanceled(boolean answer) {
			if (!claim()) {
				return;
			}
			interrupt();
			if (answer) {
				answerCanceled("The call was cancelled");
			}
			done(CallOutcome.CANCELLED);
		}

		/** The caller's node gave the call up (cancelled, timed out there). */
		void remoteCanceled() {
			if (claim()) {
				interrupt();
			}
		}

		void timedOut() {
			if (!claim()) {
				return;
			}
			interrupt();
			if (remoteCaller != null) {
				remoteCaller.timedOut();
			}
			else if (caller != null) {
				logger.warn("Procedure {} timed out for session {}", procedure, caller.sessionId());
				caller.callError(callId, settings.errors().timeout(), "The call timed out");
			}
			done(CallOutcome.TIMEOUT);
		}

		/** The callee's node answered that the call timed out there. */
		void remoteTimedOut() {
			if (!claim()) {
				return;
			}
			if (caller != null) {
				caller.callError(callId, settings.errors().timeout(), "The call timed out");
			}
			done(CallOutcome.TIMEOUT);
		}

		private void interrupt() {
			if (callee != null && callee.calleeCancels()) {
				callee.send(new Wamp2Message.Interrupt(request, Map.of("mode", "killnowait")));
			}
			CalleeRelay.Cancellable remote = remoteCallee;
			if (remote != null) {
				remote.cancel();
			}
		}

		private void answerCanceled(String reason) {
			if (remoteCaller != null) {
				remoteCaller.canceled(reason);
			}
			else if (caller instanceof Wamp2Connection v2) {
				v2.send(new Wamp2Message.Error(Wamp2Message.CALL, Long.parseLong(callId), Map.of(),
						Wamp2Errors.CANCELED, Collections.singletonList(reason), Map.of()));
			}
			else if (caller != null) {
				caller.callError(callId, settings.errors().base() + "Canceled", reason);
			}
		}

		private void done(CallOutcome outcome) {
			// a relayed call is counted on its caller's node
			if (caller != null) {
				listener.callCompleted(caller, procedure, outcome, System.nanoTime() - start);
			}
		}

		/** This invocation as the relay answers it (its callee on another node). */
		CalleeRelay.Answers answers() {
			return new CalleeRelay.Answers() {

				@Override
				public void progress(List<?> arguments, Map<String, ?> argumentsKw) {
					PendingInvocation.this.progress(arguments, argumentsKw);
				}

				@Override
				public void result(List<?> arguments, Map<String, ?> argumentsKw) {
					succeed(arguments, argumentsKw);
				}

				@Override
				public void error(String errorUri, List<?> arguments, Map<String, ?> argumentsKw) {
					fail(errorUri, arguments, argumentsKw);
				}

				@Override
				public void canceled(String reason) {
					failCanceled(reason);
				}

				@Override
				public void timedOut() {
					remoteTimedOut();
				}

			};
		}

	}

}
