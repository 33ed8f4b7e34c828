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
 */
final class Wamp2Callees {

	private static final Logger logger = LoggerFactory.getLogger(Wamp2Callees.class);

	private final WampServerSettings settings;

	private final WampServerListener listener;

	private final Scheduler timer;

	private final Map<String, Registration> byProcedure = new ConcurrentHashMap<>();

	Wamp2Callees(WampServerSettings settings, WampServerListener listener, Scheduler timer) {
		this.settings = settings;
		this.listener = listener;
		this.timer = timer;
	}

	/**
	 * One client-registered procedure.
	 *
	 * @param id the registration id (router scope)
	 * @param procedure the procedure URI
	 * @param callee the registering session
	 */
	record Registration(long id, String procedure, Wamp2Connection callee) {
	}

	/** The registration of a procedure URI, or {@code null}. */
	@Nullable Registration find(String uri) {
		return byProcedure.get(uri);
	}

	/**
	 * Registers a procedure for a callee.
	 * @param callee the callee
	 * @param procedure the URI
	 * @return the registration, or {@code null} when the name already has an owner
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
	 * Ends a registration of a callee.
	 * @param callee the callee
	 * @param registrationId the registration id
	 * @return whether the callee had that registration
	 */
	boolean unregister(Wamp2Connection callee, long registrationId) {
		for (Registration registration : byProcedure.values()) {
			if (registration.id() == registrationId && registration.callee() == callee) {
				return byProcedure.remove(registration.procedure(), registration);
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
		byProcedure.values().removeIf((registration) -> registration.callee() == callee);
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
		Wamp2Connection callee = registration.callee();
		long request = callee.nextInvocationId();
		boolean progress = options.receiveProgress() && caller instanceof Wamp2Connection;
		PendingInvocation pending = new PendingInvocation(caller, callId, registration, request, progress, start);
		callee.invocations().put(request, pending);
		Duration timeout = options.effectiveTimeout(settings.callTimeout());
		if (!timeout.isZero()) {
			try {
				pending.timer = timer.schedule(pending::timedOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException ex) {
				logger.debug("Call timeout of {} not scheduled: the server is shutting down", callId);
			}
		}
		if (caller instanceof Wamp2Connection v2) {
			v2.cancellable(callId, pending::callerCanceled);
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("procedure", registration.procedure());
		if (progress) {
			details.put("receive_progress", true);
		}
		if (options.discloseMe()) {
			details.put("caller", caller.v2SessionId());
		}
		callee.send(new Wamp2Message.Invocation(request, registration.id(), details, arguments, argumentsKw));
		if (callee.isClosing()) {
			pending.failCanceled("The callee left");
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

	/** One INVOCATION awaiting its YIELD; answers its caller exactly once. */
	final class PendingInvocation {

		private final DecoratedConnection caller;

		private final String callId;

		private final Registration registration;

		private final long request;

		private final boolean progress;

		private final long start;

		private final AtomicBoolean answered = new AtomicBoolean();

		volatile @Nullable Disposable timer;

		PendingInvocation(DecoratedConnection caller, String callId, Registration registration, long request,
				boolean progress, long start) {
			this.caller = caller;
			this.callId = callId;
			this.registration = registration;
			this.request = request;
			this.progress = progress;
			this.start = start;
		}

		private boolean claim() {
			if (!answered.compareAndSet(false, true)) {
				return false;
			}
			registration.callee().invocations().remove(request, this);
			Disposable current = timer;
			if (current != null) {
				current.dispose();
			}
			if (caller instanceof Wamp2Connection v2) {
				v2.settled(callId);
			}
			caller.decrementInFlightCalls();
			return true;
		}

		void progress(List<?> arguments, Map<String, ?> argumentsKw) {
			if (progress && !answered.get() && caller instanceof Wamp2Connection v2) {
				v2.result(Long.parseLong(callId), true, arguments, argumentsKw);
			}
		}

		void succeed(List<?> arguments, Map<String, ?> argumentsKw) {
			if (!claim()) {
				return;
			}
			if (caller instanceof Wamp2Connection v2) {
				v2.result(Long.parseLong(callId), false, arguments, argumentsKw);
			}
			else {
				caller.callResult(callId, v1Value(arguments, argumentsKw));
			}
			done(CallOutcome.SUCCESS);
		}

		void fail(String errorUri, List<?> arguments, Map<String, ?> argumentsKw) {
			if (!claim()) {
				return;
			}
			if (caller instanceof Wamp2Connection v2) {
				v2.send(new Wamp2Message.Error(Wamp2Message.CALL, Long.parseLong(callId), Map.of(), errorUri, arguments,
						argumentsKw));
			}
			else {
				Object first = arguments.isEmpty() ? null : arguments.get(0);
				String description = (first instanceof JsonNode node && node.isString()) ? node.stringValue()
						: errorUri;
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

		void timedOut() {
			if (!claim()) {
				return;
			}
			interrupt();
			logger.warn("Procedure {} of callee {} timed out for session {}", registration.procedure(),
					registration.callee().v2SessionId(), caller.sessionId());
			caller.callError(callId, settings.errors().timeout(), "The call timed out");
			done(CallOutcome.TIMEOUT);
		}

		private void interrupt() {
			Wamp2Connection callee = registration.callee();
			if (callee.calleeCancels()) {
				callee.send(new Wamp2Message.Interrupt(request, Map.of("mode", "killnowait")));
			}
		}

		private void answerCanceled(String reason) {
			if (caller instanceof Wamp2Connection v2) {
				v2.send(new Wamp2Message.Error(Wamp2Message.CALL, Long.parseLong(callId), Map.of(),
						Wamp2Errors.CANCELED, Collections.singletonList(reason), Map.of()));
			}
			else {
				caller.callError(callId, settings.errors().base() + "Canceled", reason);
			}
		}

		private void done(CallOutcome outcome) {
			listener.callCompleted(caller, registration.procedure(), outcome, System.nanoTime() - start);
		}

	}

}
