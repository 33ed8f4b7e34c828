package dev.websocket.server.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.websocket.server.connection.Frame;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp2.codec.Wamp2Codec;
import dev.websocket.server.wamp2.message.Wamp2Message;
import org.jspecify.annotations.Nullable;

/**
 * The WAMP v2 EVENT of one delivery, encoded at most once per format (a JSON text frame,
 * a CBOR binary frame) however many v2 subscribers receive it. The payload follows the
 * cross-version rule: a v2 publisher's own {@code Arguments} and {@code ArgumentsKw} when
 * it had any other shape than one positional argument, else {@code [event]}.
 */
final class Wamp2EventFrames {

	private final Wamp2Message.Event event;

	private Frame.@Nullable Text text;

	private @Nullable Frame binary;

	Wamp2EventFrames(long subscriptionId, @Nullable Object payload, Publication.@Nullable Wamp2 wamp2) {
		this(subscriptionId, payload, wamp2, null);
	}

	/**
	 * @param subscriptionId the subscription the EVENT is for
	 * @param payload the publication's (v1) event
	 * @param wamp2 what a v2 publisher added, or {@code null}
	 * @param topic the concrete topic, for pattern subscriptions; {@code null} otherwise
	 */
	Wamp2EventFrames(long subscriptionId, @Nullable Object payload, Publication.@Nullable Wamp2 wamp2,
			@Nullable String topic) {
		long publicationId = (wamp2 != null) ? wamp2.publicationId() : Wamp2Ids.newId();
		List<?> arguments = (wamp2 != null && wamp2.arguments() != null) ? wamp2.arguments()
				: Collections.singletonList(payload);
		Map<String, ?> argumentsKw = (wamp2 != null && wamp2.arguments() != null) ? wamp2.argumentsKw() : Map.of();
		this.event = new Wamp2Message.Event(subscriptionId, publicationId, details(wamp2, topic), arguments,
				argumentsKw);
	}

	private static Map<String, ?> details(Publication.@Nullable Wamp2 wamp2, @Nullable String topic) {
		if ((wamp2 == null || wamp2.publisher() == 0) && topic == null) {
			return Map.of();
		}
		Map<String, Object> details = new LinkedHashMap<>();
		if (wamp2 != null && wamp2.publisher() != 0) {
			details.put("publisher", wamp2.publisher());
			if (wamp2.publisherAuthid() != null) {
				details.put("publisher_authid", wamp2.publisherAuthid());
			}
			if (wamp2.publisherAuthrole() != null) {
				details.put("publisher_authrole", wamp2.publisherAuthrole());
			}
		}
		if (topic != null) {
			details.put("topic", topic);
		}
		return details;
	}

	/** The frame for one subscriber, encoded on first use in its format. */
	Frame frameFor(Wamp2Connection subscriber) {
		Wamp2Codec codec = subscriber.codec2();
		if (codec.isBinary()) {
			Frame frame = binary;
			if (frame == null) {
				frame = new Frame.Binary(codec.encodeToBytes(event));
				binary = frame;
			}
			return frame;
		}
		Frame.Text frame = text;
		if (frame == null) {
			// held by the broadcast until it calls release()
			frame = Frame.shared(codec.encodeToText(event));
			text = frame;
		}
		return frame;
	}

	/**
	 * Lets go of the broadcast's hold on the shared text frame, once every subscriber was
	 * offered it.
	 */
	void release() {
		Frame.Text frame = text;
		if (frame != null) {
			text = null;
			frame.release();
		}
	}

}
