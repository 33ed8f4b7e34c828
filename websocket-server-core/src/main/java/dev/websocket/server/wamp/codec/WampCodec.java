package dev.websocket.server.wamp.codec;

import dev.websocket.server.wamp.message.WampMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns {@link WampMessage}s into JSON text and back. Thread-safe; create one per server.
 *
 * <p>Decoding accepts every message a client may send (PREFIX, CALL, SUBSCRIBE, UNSUBSCRIBE,
 * PUBLISH) and, for clients, the server-to-client ones (WELCOME, CALLRESULT, CALLERROR, EVENT);
 * see {@link #decodeFromClient} and {@link #decodeFromServer}.
 */
public final class WampCodec {

	/** The default limit on URI length. */
	public static final int DEFAULT_MAX_URI_LENGTH = 2048;

	private final JsonMapper mapper;

	private final int maxUriLength;

	/** A codec with a plain {@link JsonMapper} and the default URI length limit. */
	public WampCodec() {
		this(JsonMapper.builder().build(), DEFAULT_MAX_URI_LENGTH);
	}

	/**
	 * @param mapper writes payloads (results, events, details) and reads message text
	 * @param maxUriLength longest URI or CURIE accepted when decoding
	 */
	public WampCodec(JsonMapper mapper, int maxUriLength) {
		this.mapper = mapper;
		this.maxUriLength = maxUriLength;
	}

	/** The mapper used for payloads. */
	public JsonMapper mapper() {
		return mapper;
	}

	/**
	 * Serializes a message to its JSON array text.
	 * @param message the message
	 * @return the JSON text
	 */
	public String encode(WampMessage message) {
		throw new UnsupportedOperationException("TODO");
	}

	/**
	 * Parses a message a client sent to the server: PREFIX, CALL, SUBSCRIBE, UNSUBSCRIBE or PUBLISH.
	 * @param text the text frame's payload
	 * @return the message
	 * @throws WampProtocolException naming the violation: not JSON, not an array, unknown or
	 * server-only type id, missing or wrongly typed field, a URI over the length limit
	 */
	public WampMessage decodeFromClient(String text) {
		throw new UnsupportedOperationException("TODO");
	}

	/**
	 * Parses a message a server sent to a client: WELCOME, PREFIX, CALLRESULT, CALLERROR or EVENT.
	 * @param text the text frame's payload
	 * @return the message
	 * @throws WampProtocolException naming the violation
	 */
	public WampMessage decodeFromServer(String text) {
		throw new UnsupportedOperationException("TODO");
	}
}
