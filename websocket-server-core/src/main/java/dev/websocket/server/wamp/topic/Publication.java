package dev.websocket.server.wamp.topic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
 * @param wamp2 what a WAMP v2 publisher added, or {@code null}
 */
public record Publication(String topicUri, @Nullable Object event, Set<String> exclude, @Nullable Set<String> eligible,
		@Nullable String user, @Nullable Wamp2 wamp2) {

	public Publication {
		exclude = Set.copyOf(exclude);
		eligible = (eligible != null) ? Set.copyOf(eligible) : null;
	}

	/**
	 * A publication without WAMP v2 additions.
	 * @param topicUri the topic's full URI
	 * @param event the payload
	 * @param exclude session ids to skip
	 * @param eligible session ids to deliver to; {@code null} means everyone
	 * @param user the principal name to deliver to; {@code null} means anyone
	 */
	public Publication(String topicUri, @Nullable Object event, Set<String> exclude, @Nullable Set<String> eligible,
			@Nullable String user) {
		this(topicUri, event, exclude, eligible, user, null);
	}

	/** To every subscriber. @param topicUri the topic @param event the payload */
	public Publication(String topicUri, @Nullable Object event) {
		this(topicUri, event, Set.of(), null, null);
	}

	/**
	 * The same publication with another event (for handlers that transform what is
	 * published); the new event replaces a v2 publisher's arguments too.
	 * @param newEvent the new payload
	 * @return a copy
	 */
	public Publication withEvent(@Nullable Object newEvent) {
		return new Publication(topicUri, newEvent, exclude, eligible, user,
				(wamp2 != null) ? wamp2.withoutPayload() : null);
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
		return exclude.isEmpty() && eligible == null && user == null && (wamp2 == null || wamp2.isUnrestricted());
	}

	/**
	 * Whether a session passes every filter, naming it by both of its ids (see
	 * {@link Wamp2}): excluded when either id is in {@code exclude}, eligible when either
	 * is in {@code eligible}.
	 * @param sessionId the session's WAMP v1 id
	 * @param v2SessionId the session's WAMP v2 id in decimal
	 * @param principalName the session's user, or {@code null}
	 * @param authid the session's WAMP v2 authid, or {@code null}
	 * @param authrole the session's WAMP v2 authrole, or {@code null}
	 * @return whether to deliver to it
	 */
	public boolean accepts(String sessionId, String v2SessionId, @Nullable String principalName,
			@Nullable String authid, @Nullable String authrole) {
		if (isUnrestricted()) {
			return true;
		}
		if (exclude.contains(sessionId) || exclude.contains(v2SessionId)) {
			return false;
		}
		if (eligible != null && !eligible.contains(sessionId) && !eligible.contains(v2SessionId)) {
			return false;
		}
		if (user != null && !user.equals(principalName)) {
			return false;
		}
		return wamp2 == null || wamp2.accepts(authid, authrole);
	}

	private boolean acceptsRestricted(String sessionId, @Nullable String principalName) {
		return !exclude.contains(sessionId) && (eligible == null || eligible.contains(sessionId))
				&& (user == null || user.equals(principalName));
	}

	/**
	 * What a WAMP v2 publisher adds to a publication. Session ids in a publication's
	 * {@code exclude} and {@code eligible} name a session by its v1 string id or by its
	 * v2 integer id written in decimal: both name the same session, whichever generation
	 * published.
	 *
	 * @param publicationId the id sent in PUBLISHED and in every EVENT
	 * @param arguments the positional payload for v2 subscribers; {@code null} when it is
	 * {@code [event]}
	 * @param argumentsKw the keyword payload for v2 subscribers
	 * @param publisher the publisher's v2 session id when it disclosed itself, else 0
	 * @param publisherAuthid the disclosed publisher's authid
	 * @param publisherAuthrole the disclosed publisher's authrole
	 * @param excludeAuthid authids to skip
	 * @param eligibleAuthid authids to deliver to; {@code null} means every one
	 * @param excludeAuthrole authroles to skip
	 * @param eligibleAuthrole authroles to deliver to; {@code null} means every one
	 */
	public record Wamp2(long publicationId, @Nullable List<?> arguments, Map<String, ?> argumentsKw, long publisher,
			@Nullable String publisherAuthid, @Nullable String publisherAuthrole, Set<String> excludeAuthid,
			@Nullable Set<String> eligibleAuthid, Set<String> excludeAuthrole, @Nullable Set<String> eligibleAuthrole) {

		public Wamp2 {
			// a v2 argument may be JSON null (a session's absent authid in a meta event):
			// List.copyOf would refuse it
			arguments = (arguments != null) ? Collections.unmodifiableList(new ArrayList<>(arguments)) : null;
			argumentsKw = Map.copyOf(argumentsKw);
			excludeAuthid = Set.copyOf(excludeAuthid);
			eligibleAuthid = (eligibleAuthid != null) ? Set.copyOf(eligibleAuthid) : null;
			excludeAuthrole = Set.copyOf(excludeAuthrole);
			eligibleAuthrole = (eligibleAuthrole != null) ? Set.copyOf(eligibleAuthrole) : null;
		}

		/** The same additions without the publisher's own payload. */
		Wamp2 withoutPayload() {
			return new Wamp2(publicationId, null, Map.of(), publisher, publisherAuthid, publisherAuthrole,
					excludeAuthid, eligibleAuthid, excludeAuthrole, eligibleAuthrole);
		}

		boolean isUnrestricted() {
			return excludeAuthid.isEmpty() && eligibleAuthid == null && excludeAuthrole.isEmpty()
					&& eligibleAuthrole == null;
		}

		boolean accepts(@Nullable String authid, @Nullable String authrole) {
			if (authid != null && excludeAuthid.contains(authid)) {
				return false;
			}
			if (eligibleAuthid != null && (authid == null || !eligibleAuthid.contains(authid))) {
				return false;
			}
			if (authrole != null && excludeAuthrole.contains(authrole)) {
				return false;
			}
			return eligibleAuthrole == null || (authrole != null && eligibleAuthrole.contains(authrole));
		}

	}

}
