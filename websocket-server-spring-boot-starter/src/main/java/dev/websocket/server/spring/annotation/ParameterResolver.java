package dev.websocket.server.spring.annotation;

import org.jspecify.annotations.Nullable;

/**
 * Produces one parameter value of a handler method; built once per parameter at start-up.
 */
@FunctionalInterface
interface ParameterResolver {

	/**
	 * @param context the invocation
	 * @return the value to pass
	 */
	@Nullable Object resolve(HandlerContext context);

}
