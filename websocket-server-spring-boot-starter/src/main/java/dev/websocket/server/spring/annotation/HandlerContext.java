package dev.websocket.server.spring.annotation;

import java.util.List;
import java.util.Map;

import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.WampErrors;
import dev.websocket.server.wamp.rpc.RpcInvocation;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.Topic;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What one invocation of a handler method can bind its parameters from.
 *
 * @param connection the caller, subscriber or publisher; {@code null} for periodic work
 * @param topic the topic, for topic methods
 * @param variables the pattern's variables
 * @param invocation the CALL, for RPC methods
 * @param publication the publication, for {@code @OnPublish} methods
 * @param arguments the CALL arguments after spreading, for RPC methods
 */
record HandlerContext(@Nullable WampConnection connection, @Nullable Topic topic, Map<String, String> variables,
		@Nullable RpcInvocation invocation, @Nullable Publication publication, List<JsonNode> arguments) {

	/**
	 * The error URIs the server answers with: the invocation's; the defaults for topic
	 * methods, whose refusals never reach a client as an error.
	 */
	WampErrors errors() {
		return (this.invocation != null) ? this.invocation.errors() : WampErrors.DEFAULT;
	}

	static HandlerContext forCall(RpcInvocation invocation, List<JsonNode> arguments) {
		return new HandlerContext(invocation.connection(), null, invocation.variables(), invocation, null, arguments);
	}

	static HandlerContext forTopic(@Nullable WampConnection connection, @Nullable Topic topic,
			Map<String, String> variables, @Nullable Publication publication) {
		return new HandlerContext(connection, topic, variables, null, publication, List.of());
	}
}
