package dev.websocket.server.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.websocket.server.wamp.WampConnection;

/** {@link Connections} over a map by session id; lookups by user scan the open connections. */
final class LiveConnections implements Connections {

	private final Map<String, DecoratedConnection> bySessionId = new ConcurrentHashMap<>();

	boolean contains(String sessionId) {
		return bySessionId.containsKey(sessionId);
	}

	boolean add(DecoratedConnection connection) {
		return bySessionId.putIfAbsent(connection.sessionId(), connection) == null;
	}

	void remove(DecoratedConnection connection) {
		bySessionId.remove(connection.sessionId(), connection);
	}

	Collection<DecoratedConnection> live() {
		return bySessionId.values();
	}

	@Override
	public Collection<WampConnection> all() {
		return List.copyOf(bySessionId.values());
	}

	@Override
	public int count() {
		return bySessionId.size();
	}

	@Override
	public Optional<WampConnection> find(String sessionId) {
		return Optional.ofNullable(bySessionId.get(sessionId));
	}

	@Override
	public List<WampConnection> findByUser(String principalName) {
		List<WampConnection> result = new ArrayList<>();
		for (DecoratedConnection connection : bySessionId.values()) {
			if (principalName.equals(connection.principalName())) {
				result.add(connection);
			}
		}
		return result;
	}
}
