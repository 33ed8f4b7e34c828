package dev.websocket.server.spring.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link WampConfigurationException} anywhere in a start-up failure's causes into
 * Spring Boot's Description and Action, so the report is the sentence that names the
 * mistake rather than the bean-creation stack above it.
 */
class WampConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<WampConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WampConfigurationException cause) {
		return new FailureAnalysis(cause.description(), cause.action(), cause);
	}

}
