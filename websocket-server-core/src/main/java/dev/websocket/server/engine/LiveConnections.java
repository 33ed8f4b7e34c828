package dev.websocket.server.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.websocket.server.wamp.WampConnection;

/** {@link Connections} over a map by session id and an index by principal name. */
final class LiveConnections implements Connections {

	private final Map<String, DecoratedConnection> bySessionId = new ConcurrentHashMap<>();

	private final Map<String, Set<DecoratedConnection>> byUser = new ConcurrentHashMap<>();

	boolean contains(String sessionId) {
		return bySessionId.containsKey(sessionId);
	}

	boolean add(DecoratedConnection connection) {
		if (bySessionId.putIfAbsent(connection.sessionId(), connection) != null) {
			return false;
		}
		String user = connection.principalName();
		if (user != null) {
			byUser.compute(user, (name, sessions) -> {
				Set<DecoratedConnection> result = (sessions != null) ? sessions : ConcurrentHashMap.newKeySet();
				result.add(connection);
				return result;
			});
		}
		return true;
	}

	void remove(DecoratedConnection connection) {
		if (!bySessionId.remove(connection.sessionId(), connection)) {
			return;
		}
		String user = connection.principalName();
		if (user != null) {
			byUser.computeIfPresent(user, (name, sessions) -> {
				sessions.remove(connection);
				return sessions.isEmpty() ? null : sessions;
			});
		}
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
		Set<DecoratedConnection> sessions = byUser.get(principalName);
		return (sessions != null) ? List.copyOf(sessions) : List.of();
	}

}
