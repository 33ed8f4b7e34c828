package dev.websocket.server.support;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import reactor.core.Exceptions;

/**
 * Finds the failure that matters behind the wrappers that futures and Reactor put around
 * it, so that an answer or a log names the real cause.
 */
public final class Failures {

	private Failures() {
	}

	/**
	 * Strips Reactor's wrapping and any {@link CompletionException} or
	 * {@link ExecutionException} layers that have a cause.
	 * @param failure the failure as received
	 * @return the innermost failure that is not such a wrapper
	 */
	public static Throwable unwrap(Throwable failure) {
		Throwable error = Exceptions.unwrap(failure);
		while ((error instanceof CompletionException || error instanceof ExecutionException)
				&& error.getCause() != null) {
			error = error.getCause();
		}
		return error;
	}

}
