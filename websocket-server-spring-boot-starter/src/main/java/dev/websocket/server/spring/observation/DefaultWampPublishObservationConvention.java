package dev.websocket.server.spring.observation;

import java.util.Locale;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * {@code wamp.publish} with the topic handler's URI pattern ({@code wamp.topic}) and the
 * outcome ({@code wamp.outcome}) as low-cardinality keys, and the topic URI
 * ({@code wamp.topic.uri}) as a high-cardinality one; spans are named
 * {@code publish <pattern>}.
 */
public class DefaultWampPublishObservationConvention implements WampPublishObservationConvention {

	/** The observation's name. */
	public static final String NAME = "wamp.publish";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WampPublishObservationContext context) {
		return "publish " + context.pattern();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WampPublishObservationContext context) {
		return KeyValues.of(KeyValue.of("wamp.topic", context.pattern()),
				KeyValue.of("wamp.outcome", context.outcome().name().toLowerCase(Locale.ROOT)));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WampPublishObservationContext context) {
		return KeyValues.of(KeyValue.of("wamp.topic.uri", context.publication().topicUri()));
	}

}
