package dev.websocket.server.engine;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.websocket.server.broker.Broker;
import dev.websocket.server.wamp.topic.Publication;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pattern-based subscriptions of WAMP v2 sessions on this node: {@code prefix} (the
 * topic URI starts with the pattern) and {@code wildcard} (the same number of
 * {@code .}-separated components, an empty component matching any). A publication reaches
 * them besides its topic's exact subscribers, with the concrete topic in the EVENT
 * details; so does a topic's own broadcast (periodic work, hooks) on this node. The
 * broker learns when a pattern gets its first subscriber and loses its last
 * ({@link Broker#patternAdded}), so that a distributed broker brings this node the
 * publications of other nodes that the pattern matches.
 */
final class Wamp2Patterns {

	private static final Logger logger = LoggerFactory.getLogger(Wamp2Patterns.class);

	/** The match policy of a prefix subscription. */
	static final String PREFIX = "prefix";

	/** The match policy of a wildcard subscription. */
	static final String WILDCARD = "wildcard";

	private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

	private final WampServerListener listener;

	private final Broker broker;

	Wamp2Patterns(WampServerListener listener, Broker broker) {
		this.listener = listener;
		this.broker = broker;
	}

	/** One pattern and its subscribers. */
	static final class Pattern {

		final long id;

		final String match;

		final String pattern;

		private final String[] components;

		final Set<Wamp2Connection> members = ConcurrentHashMap.newKeySet();

		Pattern(String match, String pattern) {
			this.id = Wamp2Ids.subscriptionId(match, pattern);
			this.match = match;
			this.pattern = pattern;
			this.components = pattern.split("\\.", -1);
		}

		boolean matches(String uri) {
			if (PREFIX.equals(match)) {
				return uri.startsWith(pattern);
			}
			String[] parts = uri.split("\\.", -1);
			if (parts.length != components.length) {
				return false;
			}
			for (int i = 0; i < parts.length; i++) {
				if (!components[i].isEmpty() && !components[i].equals(parts[i])) {
					return false;
				}
			}
			return true;
		}

	}

	private static String key(String match, String pattern) {
		return match + ' ' + pattern;
	}

	/** The subscription id of a pattern, known before anyone subscribes. */
	static long id(String match, String pattern) {
		return Wamp2Ids.subscriptionId(match, pattern);
	}

	/**
	 * Adds a subscriber to a pattern.
	 * @param connection the subscriber
	 * @param match {@link #PREFIX} or {@link #WILDCARD}
	 * @param pattern the pattern
	 * @return the subscription id
	 */
	synchronized long join(Wamp2Connection connection, String match, String pattern) {
		Pattern subscription = patterns.get(key(match, pattern));
		if (subscription == null) {
			subscription = new Pattern(match, pattern);
			patterns.put(key(match, pattern), subscription);
			try {
				broker.patternAdded(match, pattern);
			}
			catch (RuntimeException ex) {
				logger.warn("Broker failed on pattern added {} {}", match, pattern, ex);
			}
		}
		subscription.members.add(connection);
		connection.patternSubscribed(subscription.id, key(match, pattern));
		return subscription.id;
	}

	/**
	 * Removes a subscriber from a pattern by subscription id.
	 * @param connection the subscriber
	 * @param subscriptionId the id
	 * @return whether it was subscribed
	 */
	synchronized boolean leave(Wamp2Connection connection, long subscriptionId) {
		String key = connection.patternUnsubscribed(subscriptionId);
		if (key == null) {
			return false;
		}
		Pattern subscription = patterns.get(key);
		if (subscription != null) {
			subscription.members.remove(connection);
			if (subscription.members.isEmpty() && patterns.remove(key, subscription)) {
				try {
					broker.patternRemoved(subscription.match, subscription.pattern);
				}
				catch (RuntimeException ex) {
					logger.warn("Broker failed on pattern removed {} {}", subscription.match, subscription.pattern, ex);
				}
			}
		}
		return true;
	}

	/** Removes every pattern subscription of a connection (it closed). */
	void leaveAll(Wamp2Connection connection) {
		for (long id : connection.patternSubscriptionIds()) {
			leave(connection, id);
		}
	}

	/**
	 * Delivers a publication to the pattern subscribers whose pattern matches its topic.
	 * @param publication what to deliver
	 * @return how many subscribers it was queued for
	 */
	int deliver(Publication publication) {
		if (patterns.isEmpty()) {
			return 0;
		}
		String uri = publication.topicUri();
		int count = 0;
		for (Pattern subscription : patterns.values()) {
			if (!subscription.matches(uri)) {
				continue;
			}
			Wamp2EventFrames frames = null;
			try {
				for (Wamp2Connection member : subscription.members) {
					try {
						if (!publication.accepts(member.sessionId(), member.v2SessionIdText(), member.principalName(),
								member.authid(), member.authrole())) {
							continue;
						}
						if (frames == null) {
							frames = new Wamp2EventFrames(subscription.id, publication.event(), publication.wamp2(),
									uri);
						}
						if (member.offer(frames.frameFor(member))) {
							count++;
						}
					}
					catch (RuntimeException ex) {
						logger.warn("Delivering an event on {} to WAMP v2 session {} failed", uri, member.v2SessionId(),
								ex);
					}
				}
			}
			finally {
				if (frames != null) {
					frames.release();
				}
			}
		}
		if (count > 0) {
			listener.messagesSent(dev.websocket.server.wamp.message.WampMessage.EVENT, count);
		}
		return count;
	}

	/** Whether a match policy is one of the patterns. */
	static boolean isPattern(@Nullable String match) {
		return PREFIX.equals(match) || WILDCARD.equals(match);
	}

}
