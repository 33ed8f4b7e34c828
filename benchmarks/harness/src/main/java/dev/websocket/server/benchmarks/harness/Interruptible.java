package dev.websocket.server.benchmarks.harness;

/** Checks that may wait, e.g. on a server's metrics endpoint. */
final class Interruptible {

	private Interruptible() {
	}

	/** A condition whose check may block. */
	@FunctionalInterface
	interface Condition {

		/** Whether the condition holds now. */
		boolean holds() throws InterruptedException;

	}

}
