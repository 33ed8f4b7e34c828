package dev.websocket.server.wamp.rpc;

import org.reactivestreams.Publisher;

/**
 * A result that comes in parts, which a handler returns for a stream of values (the
 * starter wraps a {@code Flux} returned by a {@code @WampRpc} method in one): a WAMP v2
 * caller that asked for progressive results ({@code receive_progress}) receives each
 * value as it comes, as a progressive RESULT, and then a final RESULT without arguments;
 * any other caller receives the list of every value as one result.
 *
 * @param results the values
 */
public record ProgressiveResult(Publisher<?> results) {
}
