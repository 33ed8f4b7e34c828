package dev.websocket.server.spring.observation;

import java.util.concurrent.CompletionStage;

import dev.websocket.server.spring.observation.WampCallObservationContext.CallOutcome;
import dev.websocket.server.wamp.WampException;
import dev.websocket.server.wamp.rpc.ProgressiveResult;
import dev.websocket.server.wamp.rpc.RpcHandler;
import dev.websocket.server.wamp.rpc.RpcInvocation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers a CALL inside a {@code wamp.call} observation: it is started and in scope while
 * the handler runs (so log lines carry its trace id), put in the Reactor context of an
 * asynchronous result, and stopped when the result is there: for a progressive result (a
 * {@code Flux} from a {@code @WampRpc} method) when the stream ends, that is at the final
 * RESULT, whether its parts went out as progressive results or were collected into a
 * list.
 */
final class ObservedRpcHandler implements RpcHandler {

	/**
	 * Micrometer's {@code ObservationThreadLocalAccessor.KEY}: with the
	 * context-propagation library, operators of an asynchronous result see the
	 * observation as current.
	 */
	static final String OBSERVATION_KEY = "micrometer.observation";

	private static final DefaultWampCallObservationConvention DEFAULT_CONVENTION = new DefaultWampCallObservationConvention();

	private final RpcHandler delegate;

	private final ObservationRegistry registry;

	private final @Nullable WampCallObservationConvention convention;

	ObservedRpcHandler(RpcHandler delegate, ObservationRegistry registry,
			@Nullable WampCallObservationConvention convention) {
		this.delegate = delegate;
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public @Nullable Object handle(RpcInvocation invocation) throws Exception {
		WampCallObservationContext context = new WampCallObservationContext(invocation);
		Observation observation = Observation
			.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
			.start();
		Object result;
		try (Observation.Scope scope = observation.openScope()) {
			result = this.delegate.handle(invocation);
		}
		catch (Exception | Error ex) {
			stop(observation, context, ex);
			throw ex;
		}
		if (result instanceof ProgressiveResult progressive) {
			return new ProgressiveResult(Flux.from(progressive.results())
				.doOnComplete(observation::stop)
				.doOnError((ex) -> stop(observation, context, ex))
				.doOnCancel(() -> {
					context.outcome(CallOutcome.CANCELLED);
					observation.stop();
				})
				.contextWrite((reactorContext) -> reactorContext.put(OBSERVATION_KEY, observation)));
		}
		if (result instanceof Publisher<?> || result instanceof CompletionStage<?>) {
			Mono<?> mono = (result instanceof Publisher<?> publisher) ? Mono.from(publisher)
					: Mono.fromCompletionStage((CompletionStage<?>) result);
			return mono.doOnSuccess((value) -> observation.stop())
				.doOnError((ex) -> stop(observation, context, ex))
				.doOnCancel(() -> {
					context.outcome(CallOutcome.CANCELLED);
					observation.stop();
				})
				.contextWrite((reactorContext) -> reactorContext.put(OBSERVATION_KEY, observation));
		}
		observation.stop();
		return result;
	}

	private static void stop(Observation observation, WampCallObservationContext context, Throwable failure) {
		context
			.outcome((failure instanceof WampException) ? CallOutcome.APPLICATION_ERROR : CallOutcome.INTERNAL_ERROR);
		observation.error(failure);
		observation.stop();
	}

}
