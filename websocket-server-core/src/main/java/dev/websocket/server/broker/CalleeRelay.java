package dev.websocket.server.broker;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Carries calls to procedures that WAMP v2 clients registered (client callees) between
 * the nodes that share a broker, so that a registration on one node is callable from
 * every node. A broker that offers one returns it from {@link Broker#callees()}.
 *
 * <p>
 * A procedure name has one owner across the nodes: the relay {@link #claim claims} it for
 * this node when a client registers it and {@link #release releases} it when the
 * registration ends. A CALL on a node where neither a handler nor a local callee serves
 * the name asks the relay for the {@link #owner owning node} and {@link #invoke invokes}
 * it there; the owning node hands it to its callee through {@link LocalCallees}, and the
 * answers come back through {@link Answers}. Implementations answer a call whose owning
 * node is gone (or that they cannot reach) with {@link Answers#canceled} within a bounded
 * time, never block the calling thread, and may call {@link Answers} on any thread.
 */
public interface CalleeRelay {

	/**
	 * Starts relaying; called once, after the broker started.
	 * @param local hands calls from other nodes to this node's callees
	 */
	void start(LocalCallees local);

	/**
	 * Claims a procedure name for a callee on this node.
	 * @param procedure the procedure URI
	 * @return {@code true} when this node may serve it (claimed, or the other nodes
	 * cannot be reached and the relay claims it once they can), {@code false} when
	 * another node serves it
	 */
	Mono<Boolean> claim(String procedure);

	/**
	 * Gives up a name this node claimed.
	 * @param procedure the procedure URI
	 */
	void release(String procedure);

	/**
	 * Finds the node that serves a procedure.
	 * @param procedure the procedure URI
	 * @return the node's id, or empty when no other node serves it
	 */
	Mono<String> owner(String procedure);

	/**
	 * Relays a call to the node that serves its procedure.
	 * @param node the owning node, as {@link #owner} named it
	 * @param call the call
	 * @param answers where its answers go, exactly one final one
	 * @return cancels the call (the caller cancelled, or its timeout passed): the owning
	 * node interrupts its callee and answers no more
	 */
	Cancellable invoke(String node, RelayedCall call, Answers answers);

	/**
	 * A call as it travels to the owning node.
	 *
	 * @param procedure the procedure URI
	 * @param arguments the positional arguments
	 * @param argumentsKw the keyword arguments
	 * @param receiveProgress whether the caller takes progressive results
	 * @param timeoutMillis the call's timeout in milliseconds, 0 for none
	 * @param caller the caller's v2 session id when it disclosed itself, else 0
	 */
	record RelayedCall(String procedure, List<JsonNode> arguments, Map<String, JsonNode> argumentsKw,
			boolean receiveProgress, long timeoutMillis, long caller) {

		public RelayedCall {
			arguments = List.copyOf(arguments);
			argumentsKw = Map.copyOf(argumentsKw);
		}

	}

	/**
	 * The answers to one relayed call; every method after the first final one is ignored.
	 */
	interface Answers {

		/**
		 * A progressive result (only when the caller asked for them).
		 * @param arguments the positional result
		 * @param argumentsKw the keyword result
		 */
		void progress(List<?> arguments, Map<String, ?> argumentsKw);

		/**
		 * The final result.
		 * @param arguments the positional result
		 * @param argumentsKw the keyword result
		 */
		void result(List<?> arguments, Map<String, ?> argumentsKw);

		/**
		 * The callee's error, or the owning node's (say
		 * {@code wamp.error.no_such_procedure}).
		 * @param errorUri the error URI
		 * @param arguments the positional details
		 * @param argumentsKw the keyword details
		 */
		void error(String errorUri, List<?> arguments, Map<String, ?> argumentsKw);

		/**
		 * The call ended without an answer: the callee or its node left.
		 * @param reason why
		 */
		void canceled(String reason);

		/** The owning node's timeout for the call passed. */
		void timedOut();

	}

	/** Gives a call up. */
	@FunctionalInterface
	interface Cancellable {

		/** Cancels; does nothing once the call was answered. */
		void cancel();

	}

	/** This node's callees, as the relay reaches them. */
	@FunctionalInterface
	interface LocalCallees {

		/**
		 * Invokes this node's callee of a procedure for a caller on another node.
		 * @param call the call
		 * @param answers where the answers go
		 * @return cancels the invocation, or {@code null} when no callee on this node has
		 * registered the procedure (the caller's node then answers no such procedure)
		 */
		@Nullable Cancellable invoke(RelayedCall call, Answers answers);

	}

}
