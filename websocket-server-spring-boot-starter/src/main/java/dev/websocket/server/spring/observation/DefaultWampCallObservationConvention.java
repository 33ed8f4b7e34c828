package dev.websocket.server.spring.observation;

import java.util.Locale;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * {@code wamp.call} with the procedure's URI pattern ({@code wamp.procedure}) and the
 * outcome ({@code wamp.outcome}) as low-cardinality keys, and the procedure URI
 * ({@code wamp.procedure.uri}) as a high-cardinality one; spans are named
 * {@code call <pattern>}.
 */
public class DefaultWampCallObservationConvention implements WampCallObservationConvention {

	/** The observation's name. */
	public static final String NAME = "wamp.call";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WampCallObservationContext context) {
		return "call " + context.invocation().pattern();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WampCallObservationContext context) {
		return KeyValues.of(KeyValue.of("wamp.procedure", context.invocation().pattern()),
				KeyValue.of("wamp.outcome", context.outcome().name().toLowerCase(Locale.ROOT)));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WampCallObservationContext context) {
		return KeyValues.of(KeyValue.of("wamp.procedure.uri", context.invocation().procUri()));
	}

}
