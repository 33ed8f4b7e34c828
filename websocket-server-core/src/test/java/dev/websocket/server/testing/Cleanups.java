package dev.websocket.server.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * What a test opened (clients, sockets, servers), undone once it ends: every action runs,
 * in the order added, even when an earlier one fails; the first failure is then thrown
 * with the later ones suppressed. Not thread-safe: a test adds from its own thread.
 */
public final class Cleanups {

	private final List<Runnable> actions = new ArrayList<>();

	/**
	 * Undoes {@code resource} with {@code undo} at {@link #run()}.
	 * @return the resource, for use in an expression
	 */
	public <T> T add(T resource, Consumer<? super T> undo) {
		this.actions.add(() -> undo.accept(resource));
		return resource;
	}

	/** Runs every action added since the last run, then forgets them. */
	public void run() {
		@Nullable RuntimeException first = null;
		for (Runnable action : this.actions) {
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				if (first == null) {
					first = ex;
				}
				else {
					first.addSuppressed(ex);
				}
			}
		}
		this.actions.clear();
		if (first != null) {
			throw first;
		}
	}

}
