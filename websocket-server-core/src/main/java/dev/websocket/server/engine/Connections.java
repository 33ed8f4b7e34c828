package dev.websocket.server.engine;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.websocket.server.wamp.WampConnection;

/** The live connections of this node, by session id and by user. */
public interface Connections {

	/** A snapshot of every open connection. */
	Collection<WampConnection> all();

	/** The number of open connections. */
	int count();

	/**
	 * @param sessionId a WAMP session id
	 * @return the open connection with that id on this node
	 */
	Optional<WampConnection> find(String sessionId);

	/**
	 * @param principalName a user name
	 * @return that user's open connections on this node
	 */
	List<WampConnection> findByUser(String principalName);

}
