package dev.websocket.server.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.WampException;
import dev.websocket.server.wamp.rpc.RpcInvocation;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.TopicHandler;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The WAMP v2 session meta API subset, on this node's sessions of both generations (a v1
 * session by its v2 id): procedures {@code wamp.session.count}, {@code wamp.session.list}
 * (both with an optional list of authroles to filter by) and {@code wamp.session.get},
 * and topics {@code wamp.session.on_join} ({@code [details]}, when a v2 session is
 * welcomed or a v1 one opens) and {@code wamp.session.on_leave}
 * ({@code [session, authid, authrole]}). Meta events are local to the node.
 */
final class Wamp2Meta implements WampServerListener {

	static final String COUNT = "wamp.session.count";

	static final String LIST = "wamp.session.list";

	static final String GET = "wamp.session.get";

	static final String ON_JOIN = "wamp.session.on_join";

	static final String ON_LEAVE = "wamp.session.on_leave";

	private final LiveConnections connections;

	private volatile @Nullable Subscriptions subscriptions;

	Wamp2Meta(LiveConnections connections) {
		this.connections = connections;
	}

	/** Registers the procedures and topics. @param builder the server's builder */
	void register(WampServer.Builder builder) {
		builder.rpc(COUNT, (invocation) -> sessions(invocation).size());
		builder.rpc(LIST, (invocation) -> sessions(invocation).stream().map(DecoratedConnection::v2SessionId).toList());
		builder.rpc(GET, this::get);
		builder.topic(ON_JOIN, new TopicHandler() {
		});
		builder.topic(ON_LEAVE, new TopicHandler() {
		});
	}

	/** The application's patterns: the built-in meta procedures and topics left out. */
	static List<String> withoutMeta(List<String> patterns) {
		return patterns.stream().filter((pattern) -> !pattern.startsWith("wamp.session.")).toList();
	}

	/** Meta events start once the server's subscriptions exist. */
	void start(Subscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	private List<DecoratedConnection> sessions(RpcInvocation invocation) {
		Set<String> roles = null;
		if (!invocation.arguments().isEmpty() && invocation.arguments().get(0).isArray()) {
			roles = new java.util.HashSet<>();
			for (JsonNode role : invocation.arguments().get(0)) {
				roles.add(role.asString());
			}
		}
		List<DecoratedConnection> sessions = new ArrayList<>();
		for (DecoratedConnection connection : connections.live()) {
			if (!isJoined(connection)) {
				continue;
			}
			if (roles == null || roles.contains(String.valueOf(connection.authrole()))) {
				sessions.add(connection);
			}
		}
		return sessions;
	}

	private static boolean isJoined(DecoratedConnection connection) {
		return !(connection instanceof Wamp2Connection v2) || v2.realm() != null;
	}

	private Map<String, Object> get(RpcInvocation invocation) {
		JsonNode id = invocation.arguments().isEmpty() ? null : invocation.arguments().get(0);
		DecoratedConnection connection = (id != null && id.canConvertToLong()) ? connections.findByV2Id(id.longValue())
				: null;
		if (connection == null || !isJoined(connection)) {
			throw new WampException(Wamp2Errors.NO_SUCH_SESSION, "No such session: " + id);
		}
		return details(connection);
	}

	/** What {@code wamp.session.get} and {@code on_join} tell about a session. */
	static Map<String, Object> details(DecoratedConnection connection) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("session", connection.v2SessionId());
		details.put("authid", connection.authid());
		details.put("authrole", connection.authrole());
		if (connection instanceof Wamp2Connection v2) {
			details.put("authmethod", v2.authmethod());
			details.put("authprovider", v2.authprovider());
			details.put("transport", Map.of("type", "websocket", "protocol", v2.codec2().subprotocol()));
		}
		else {
			details.put("transport", Map.of("type", "websocket", "protocol", "wamp"));
		}
		return details;
	}

	/** A v2 session was welcomed. */
	void joined(DecoratedConnection connection) {
		Subscriptions current = subscriptions;
		if (current != null) {
			current.deliverLocally(new Publication(ON_JOIN, details(connection)));
		}
	}

	@Override
	public void connectionOpened(WampConnection connection) {
		if (connection instanceof DecoratedConnection decorated && !(connection instanceof Wamp2Connection)) {
			joined(decorated);
		}
	}

	@Override
	public void connectionClosed(WampConnection connection, CloseStatus status) {
		Subscriptions current = subscriptions;
		if (current == null || !(connection instanceof DecoratedConnection decorated) || !isJoined(decorated)) {
			return;
		}
		List<Object> arguments = new ArrayList<>(3);
		arguments.add(decorated.v2SessionId());
		arguments.add(decorated.authid());
		arguments.add(decorated.authrole());
		Map<String, Object> v1 = new LinkedHashMap<>();
		v1.put("args", arguments);
		v1.put("kwargs", Map.of());
		current
			.deliverLocally(new Publication(ON_LEAVE, v1, Set.of(), null, null, new Publication.Wamp2(Wamp2Ids.newId(),
					arguments, Map.of(), 0, null, null, Set.of(), null, Set.of(), null)));
	}

}
