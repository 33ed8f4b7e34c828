package dev.websocket.server.wamp.rpc;

import org.jspecify.annotations.Nullable;

/**
 * Answers CALLs to the procedures of one URI pattern.
 *
 * <p>
 * Return the result, or a {@code Mono}, a {@code Publisher} (its first element) or a
 * {@code CompletionStage} for an asynchronous one; {@code null} or an empty {@code Mono}
 * answers JSON null. Throw (or signal) a {@link dev.websocket.server.wamp.WampException}
 * to answer that CALLERROR; any other exception answers a generic CALLERROR that leaks no
 * detail and is logged. Every CALL gets exactly one answer.
 *
 * <p>
 * Handlers run on the thread that received the message (a Netty event loop under
 * WebFlux): they must not block. Wrap blocking work in a {@code Mono} on a bounded
 * elastic scheduler.
 */
@FunctionalInterface
public interface RpcHandler {

	/**
	 * @param invocation the call
	 * @return the result, possibly asynchronous
	 * @throws Exception any failure, answered as described above
	 */
	@Nullable Object handle(RpcInvocation invocation) throws Exception;

}
