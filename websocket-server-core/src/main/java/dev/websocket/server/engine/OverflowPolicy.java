package dev.websocket.server.engine;

/** What happens when a connection's outbound queue is full. */
public enum OverflowPolicy {

	/** Close the connection with 1008 and a reason; its queued frames are discarded. */
	CLOSE,

	/** Drop the frame that did not fit and keep the connection. */
	DROP

}
