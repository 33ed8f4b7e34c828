package dev.websocket.server.engine;

import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.websocket.server.wamp.WampConnection;
import org.jspecify.annotations.Nullable;

/** {@link Connections} over a map by session id and an index by principal name. */
final class LiveConnections implements Connections {

	private final Map<String, DecoratedConnection> bySessionId = new ConcurrentHashMap<>();

	private final Map<String, Set<DecoratedConnection>> byUser = new ConcurrentHashMap<>();

	/** The same connections by their WAMP v2 id. */
	private final Map<Long, DecoratedConnection> byV2Id = new ConcurrentHashMap<>();

	boolean contains(String sessionId) {
		return bySessionId.containsKey(sessionId);
	}

	// Index changes of one connection hold its lock: a login (changeUser) on the I/O
	// thread and the cleanup (remove) on another must not leave it indexed under a user
	// after it is gone, nor under its old name after a login.

	boolean add(DecoratedConnection connection) {
		synchronized (connection) {
			if (bySessionId.putIfAbsent(connection.sessionId(), connection) != null) {
				return false;
			}
			if (byV2Id.putIfAbsent(connection.v2SessionId(), connection) != null) {
				bySessionId.remove(connection.sessionId(), connection);
				return false;
			}
			connection.registeredIn(this);
			index(connection.principalName(), connection);
			return true;
		}
	}

	void remove(DecoratedConnection connection) {
		synchronized (connection) {
			if (bySessionId.remove(connection.sessionId(), connection)) {
				byV2Id.remove(connection.v2SessionId(), connection);
				unindex(connection.principalName(), connection);
			}
		}
	}

	/**
	 * Gives a connection a new user and moves it in the index by user.
	 * @param connection the connection
	 * @param principal its user from now on
	 */
	void changeUser(DecoratedConnection connection, Principal principal) {
		synchronized (connection) {
			String previous = connection.principalName();
			connection.setPrincipal(principal);
			if (bySessionId.get(connection.sessionId()) == connection) {
				unindex(previous, connection);
				index(connection.principalName(), connection);
			}
		}
	}

	private void index(@Nullable String user, DecoratedConnection connection) {
		if (user != null) {
			byUser.compute(user, (name, sessions) -> {
				Set<DecoratedConnection> result = (sessions != null) ? sessions : ConcurrentHashMap.newKeySet();
				result.add(connection);
				return result;
			});
		}
	}

	private void unindex(@Nullable String user, DecoratedConnection connection) {
		if (user != null) {
			byUser.computeIfPresent(user, (name, sessions) -> {
				sessions.remove(connection);
				return sessions.isEmpty() ? null : sessions;
			});
		}
	}

	/** The open connection with that WAMP v2 id, or {@code null}. */
	@Nullable DecoratedConnection findByV2Id(long v2SessionId) {
		return byV2Id.get(v2SessionId);
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
