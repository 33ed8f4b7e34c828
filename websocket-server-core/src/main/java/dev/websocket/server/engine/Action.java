package dev.websocket.server.engine;

/** What a client asks to do, for authorization. */
public enum Action {

	/** A CALL to a procedure URI. */
	CALL,
	/** A SUBSCRIBE to a topic URI. */
	SUBSCRIBE,
	/** A PUBLISH to a topic URI. */
	PUBLISH

}
