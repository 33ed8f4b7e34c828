package dev.websocket.server.wamp.topic;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An event to deliver on a topic, on every node: to the subscribers in
 * {@code (subscribers - exclude) ∩ eligible}, and when {@code user} is set, only to that
 * user's sessions.
 *
 * @param topicUri the topic's full URI
 * @param event the payload
 * @param exclude session ids to skip
 * @param eligible session ids to deliver to; {@code null} means everyone
 * @param user the principal name to deliver to; {@code null} means anyone
 */
public record Publication(String topicUri, @Nullable Object event, Set<String> exclude, @Nullable Set<String> eligible,
		@Nullable String user) {

	public Publication {
		exclude = Set.copyOf(exclude);
		eligible = (eligible != null) ? Set.copyOf(eligible) : null;
	}

	/** To every subscriber. @param topicUri the topic @param event the payload */
	public Publication(String topicUri, @Nullable Object event) {
		this(topicUri, event, Set.of(), null, null);
	}

	/**
	 * The same publication with another event (for handlers that transform what is
	 * published).
	 * @param newEvent the new payload
	 * @return a copy
	 */
	public Publication withEvent(@Nullable Object newEvent) {
		return new Publication(topicUri, newEvent, exclude, eligible, user);
	}

	/**
	 * Whether a session passes the exclude, eligible and user filters.
	 * @param sessionId the session's id
	 * @param principalName the session's user, or {@code null}
	 * @return whether to deliver to it
	 */
	public boolean accepts(String sessionId, @Nullable String principalName) {
		return isUnrestricted() || acceptsRestricted(sessionId, principalName);
	}

	/**
	 * Whether every subscriber receives it: no exclude, eligible or user restriction.
	 * Delivery skips the per-subscriber filter then.
	 * @return whether it is unrestricted
	 */
	public boolean isUnrestricted() {
		return exclude.isEmpty() && eligible == null && user == null;
	}

	private boolean acceptsRestricted(String sessionId, @Nullable String principalName) {
		return !exclude.contains(sessionId) && (eligible == null || eligible.contains(sessionId))
				&& (user == null || user.equals(principalName));
	}
}
