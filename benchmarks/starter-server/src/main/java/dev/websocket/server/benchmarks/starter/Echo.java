package dev.websocket.server.benchmarks.starter;

import dev.websocket.server.spring.annotation.WampRpc;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/** RPC {@code sample/echo}: answers with its first argument, as in the chat sample. */
@Component
final class Echo {

	@WampRpc("sample/echo")
	@Nullable JsonNode echo(@Nullable JsonNode value) {
		return value;
	}

}
