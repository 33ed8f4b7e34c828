package dev.websocket.server.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags a {@code wamp.call} observation; define a bean of this type to replace
 * {@link DefaultWampCallObservationConvention}.
 */
public interface WampCallObservationConvention extends ObservationConvention<WampCallObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WampCallObservationContext;
	}

}
