package dev.websocket.server.spring.observation;

import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.topic.Publication;
import io.micrometer.observation.Observation;

/**
 * What a {@code wamp.publish} observation knows: the publisher, the pattern of the
 * topic's handler and the publication (with the topic URI), and, once the handler
 * decided, what became of it.
 */
public final class WampPublishObservationContext extends Observation.Context {

	private final WampConnection publisher;

	private final String pattern;

	private final Publication publication;

	private PublishOutcome outcome = PublishOutcome.DELIVERED;

	/**
	 * @param publisher the publishing connection
	 * @param pattern the URI pattern of the topic's handler
	 * @param publication what the client published
	 */
	public WampPublishObservationContext(WampConnection publisher, String pattern, Publication publication) {
		this.publisher = publisher;
		this.pattern = pattern;
		this.publication = publication;
	}

	/** The publishing connection. */
	public WampConnection publisher() {
		return this.publisher;
	}

	/** The URI pattern of the topic's handler. */
	public String pattern() {
		return this.pattern;
	}

	/** What the client published. */
	public Publication publication() {
		return this.publication;
	}

	/** What the handler decided. */
	public PublishOutcome outcome() {
		return this.outcome;
	}

	void outcome(PublishOutcome outcome) {
		this.outcome = outcome;
	}

	/** What became of a publication, as the {@code wamp.outcome} key names it. */
	public enum PublishOutcome {

		/** Handed on for delivery (possibly transformed). */
		DELIVERED,
		/** Dropped by the topic's handler. */
		DROPPED,
		/** The handler failed. */
		ERROR

	}

}
