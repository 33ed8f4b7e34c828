package dev.websocket.server.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags a {@code wamp.publish} observation; define a bean of this type to
 * replace {@link DefaultWampPublishObservationConvention}.
 */
public interface WampPublishObservationConvention extends ObservationConvention<WampPublishObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WampPublishObservationContext;
	}

}
