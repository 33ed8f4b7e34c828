package dev.websocket.server.spring.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import dev.websocket.server.wamp.WampException;
import dev.websocket.server.wamp.rpc.ProgressiveResult;
import dev.websocket.server.wamp.rpc.RpcHandler;
import dev.websocket.server.wamp.rpc.RpcInvocation;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;

/**
 * Answers CALLs with a {@link WampRpc @WampRpc} method: spreads and counts the arguments,
 * binds the parameters, invokes (on the blocking scheduler for {@link Blocking @Blocking}
 * methods) and adapts the return value. A {@code Flux} (or any multi-value
 * {@code Publisher}) is collected into a list, answered as a JSON array.
 */
final class RpcMethodHandler implements RpcHandler {

	private final BeanMethod method;

	private final ParameterBinding binding;

	private final @Nullable Scheduler blockingScheduler;

	private final int argumentCount;

	private final int requiredCount;

	/** One collection or array parameter takes every argument as a list. */
	private final boolean listParameter;

	/**
	 * Several argument parameters, the first not a list: a sole JSON array is spread over
	 * them.
	 */
	private final boolean spread;

	/**
	 * @param method the method
	 * @param binding its parameters
	 * @param blockingScheduler where it runs, or {@code null} to run on the calling
	 * thread
	 */
	RpcMethodHandler(BeanMethod method, ParameterBinding binding, @Nullable Scheduler blockingScheduler) {
		this.method = method;
		this.binding = binding;
		this.blockingScheduler = blockingScheduler;
		List<ValueConverter> arguments = binding.arguments();
		this.argumentCount = arguments.size();
		this.requiredCount = (int) arguments.stream().filter((argument) -> !argument.optional()).count();
		this.listParameter = this.argumentCount == 1 && arguments.get(0).multiValued();
		this.spread = this.argumentCount > 1 && !arguments.get(0).multiValued();
	}

	@Override
	public @Nullable Object handle(RpcInvocation invocation) throws Exception {
		List<JsonNode> arguments = arguments(invocation);
		@Nullable Object[] values = this.binding.resolve(HandlerContext.forCall(invocation, arguments));
		if (this.blockingScheduler != null) {
			return Mono.fromCallable(() -> this.method.invoke(values))
				.flatMap(RpcMethodHandler::toMono)
				.subscribeOn(this.blockingScheduler);
		}
		return adapt(this.method.invoke(values));
	}

	private List<JsonNode> arguments(RpcInvocation invocation) {
		List<JsonNode> sent = invocation.argumentsKw().isEmpty() ? invocation.arguments() : withKeywords(invocation);
		List<JsonNode> arguments;
		if (this.listParameter) {
			arguments = List.of((sent.size() == 1 && sent.get(0).isArray()) ? sent.get(0) : arrayOf(sent));
		}
		else if (this.spread && sent.size() == 1 && sent.get(0).isArray()) {
			arguments = invocation.spreadArguments();
		}
		else {
			arguments = sent;
		}
		if (arguments.size() > this.argumentCount) {
			throw new WampException(invocation.errors().invalidArgument(),
					"Too many arguments: expected " + expectedCount() + ", got " + arguments.size(),
					Map.of("expected", this.argumentCount, "actual", arguments.size()));
		}
		if (arguments.size() < this.requiredCount) {
			int missing = arguments.size();
			ValueConverter argument = this.binding.arguments().get(missing);
			throw new WampException(invocation.errors().invalidArgument(),
					"Missing argument " + (missing + 1) + ": expected " + argument.expected() + " (" + expectedCount()
							+ ", got " + arguments.size() + ")",
					Map.of("argument", missing + 1, "expected", argument.expected(), "actual", arguments.size()));
		}
		return arguments;
	}

	/**
	 * The positional arguments followed by the keyword arguments of a WAMP v2 CALL, each
	 * at its parameter's position by name; a parameter no keyword names holds a missing
	 * node (bound as absent).
	 */
	private List<JsonNode> withKeywords(RpcInvocation invocation) {
		List<JsonNode> positional = invocation.arguments();
		Map<String, JsonNode> keywords = invocation.argumentsKw();
		List<String> names = this.binding.argumentNames();
		for (String keyword : keywords.keySet()) {
			int index = names.indexOf(keyword);
			if (index < 0) {
				throw new WampException(invocation.errors().invalidArgument(), "Unknown keyword argument: " + keyword,
						Map.of("name", keyword, "expected", names));
			}
			if (index < positional.size()) {
				throw new WampException(invocation.errors().invalidArgument(),
						"Argument " + keyword + " given both by position and by name", Map.of("name", keyword));
			}
		}
		List<JsonNode> merged = new ArrayList<>(positional);
		int last = positional.size();
		for (int i = positional.size(); i < names.size(); i++) {
			JsonNode value = keywords.get(names.get(i));
			merged.add((value != null) ? value : MissingNode.getInstance());
			if (value != null) {
				last = i + 1;
			}
		}
		List<JsonNode> arguments = merged.subList(0, last);
		for (int i = 0; i < Math.min(arguments.size(), this.requiredCount); i++) {
			if (arguments.get(i).isMissingNode()) {
				ValueConverter argument = this.binding.arguments().get(i);
				throw new WampException(invocation.errors().invalidArgument(),
						"Missing argument " + (i + 1) + " (" + names.get(i) + "): expected " + argument.expected(),
						Map.of("argument", i + 1, "name", names.get(i), "expected", argument.expected()));
			}
		}
		return arguments;
	}

	private String expectedCount() {
		if (this.argumentCount == this.requiredCount) {
			return (this.argumentCount == 1) ? "1 argument" : this.argumentCount + " arguments";
		}
		return this.requiredCount + " to " + this.argumentCount + " arguments";
	}

	private static ArrayNode arrayOf(List<JsonNode> values) {
		return JsonNodeFactory.instance.arrayNode(values.size()).addAll(values);
	}

	/**
	 * A {@code Flux} (any publisher but a {@code Mono}) streams to a WAMP v2 caller that
	 * asked for progressive results; every other caller gets the list.
	 */
	private static @Nullable Object adapt(@Nullable Object result) {
		if (result instanceof Mono<?> || !(result instanceof Publisher<?> publisher)) {
			return result;
		}
		return new ProgressiveResult(publisher);
	}

	private static Mono<?> toMono(@Nullable Object result) {
		if (result instanceof Mono<?> mono) {
			return mono;
		}
		if (result instanceof Publisher<?> publisher) {
			return Flux.from(publisher).collectList();
		}
		if (result instanceof CompletionStage<?> stage) {
			return Mono.fromCompletionStage(stage);
		}
		return Mono.justOrEmpty(result);
	}

	@Override
	public String toString() {
		return "@WampRpc " + this.method.description();
	}

}
