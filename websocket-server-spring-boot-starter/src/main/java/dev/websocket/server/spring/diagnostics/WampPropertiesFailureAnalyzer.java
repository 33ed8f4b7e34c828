package dev.websocket.server.spring.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.ObjectError;

/**
 * Reports invalid {@code websocket.server.*} values, which the properties reject when
 * they are bound, as one list of sentences that each name the property, ahead of Boot's
 * generic report of the bound object.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class WampPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

	private static final String PREFIX = "websocket.server";

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
		ValidationErrors errors = cause.getValidationErrors();
		if (!PREFIX.equals(errors.getName().toString())) {
			return null;
		}
		StringBuilder description = new StringBuilder("Invalid WAMP server configuration:");
		for (ObjectError error : errors.getAllErrors()) {
			description.append(System.lineSeparator()).append("    - ").append(error.getDefaultMessage());
		}
		return new FailureAnalysis(description.toString(),
				"Fix the websocket.server.* values named above; the README's properties table gives each default and range.",
				cause);
	}

}
