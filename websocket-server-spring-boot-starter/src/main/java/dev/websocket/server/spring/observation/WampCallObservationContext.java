package dev.websocket.server.spring.observation;

import dev.websocket.server.wamp.rpc.RpcInvocation;
import io.micrometer.observation.Observation;

/**
 * What a {@code wamp.call} observation knows: the invocation (procedure URI, matched
 * pattern, caller) and, once it ended, its outcome.
 */
public final class WampCallObservationContext extends Observation.Context {

	private final RpcInvocation invocation;

	private CallOutcome outcome = CallOutcome.SUCCESS;

	/**
	 * @param invocation the CALL being answered
	 */
	public WampCallObservationContext(RpcInvocation invocation) {
		this.invocation = invocation;
	}

	/** The CALL being answered. */
	public RpcInvocation invocation() {
		return this.invocation;
	}

	/** How the handler ended; {@link CallOutcome#SUCCESS} until it failed. */
	public CallOutcome outcome() {
		return this.outcome;
	}

	void outcome(CallOutcome outcome) {
		this.outcome = outcome;
	}

	/** How a handler ended, as the {@code wamp.outcome} key names it. */
	public enum CallOutcome {

		/** A result (CALLRESULT). */
		SUCCESS,
		/**
		 * A {@link dev.websocket.server.wamp.WampException} (an application CALLERROR).
		 */
		APPLICATION_ERROR,
		/** Any other failure (a generic CALLERROR). */
		INTERNAL_ERROR,
		/** The answer was abandoned (a timeout, the caller left). */
		CANCELLED

	}

}
