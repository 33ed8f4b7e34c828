package dev.websocket.server.sample.chat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.websocket.server.connection.Attributes;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.spring.annotation.OnSubscribe;
import dev.websocket.server.spring.annotation.OnUnsubscribe;
import dev.websocket.server.spring.annotation.WampTopic;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.topic.Topic;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Topic {@code chat/{room}}: anyone may subscribe and publish, and publications are
 * broadcast as they are (the default, honoring excludeMe, exclude and eligible). The
 * hooks keep the room's presence with a cost that grows with the room, not with its
 * square: the newcomer alone receives the member list, once,
 * <pre>{"type":"presence","action":"joined","session":"…","nick":"ann","count":2,"members":[{"session":"…","nick":"ann"},…]}</pre>
 * and everyone else in the room the change only:
 * <pre>{"type":"presence","action":"joined","session":"…","nick":"ann","count":2}
 * {"type":"presence","action":"left","session":"…","nick":"ann","count":1}</pre> The
 * nickname comes from the {@code nick} query parameter of the WebSocket URL
 * ({@code /ws?nick=ann}).
 */
@WampTopic("chat/{room}")
final class ChatRoomTopic {

	private static final String NICK = "chat.nick";

	private static final int MAX_NICK_LENGTH = 32;

	private final Map<String, Room> rooms = new ConcurrentHashMap<>();

	private final JsonMapper json;

	ChatRoomTopic(JsonMapper json) {
		this.json = json;
	}

	@OnSubscribe
	void joined(WampConnection connection, Topic topic) {
		while (true) {
			Room room = this.rooms.computeIfAbsent(topic.uri(), (uri) -> new Room());
			// The hook runs before the subscription is registered, so two people joining
			// at
			// once would miss each other in topic.subscribers(): the room keeps its own
			// members, and one lock orders each member's list before every later change.
			synchronized (room) {
				if (room.removed) {
					continue; // emptied and dropped by a concurrent leave: take the new
								// one
				}
				if (room.members.putIfAbsent(connection.sessionId(), connection) != null) {
					return;
				}
				Map<String, Object> joined = presence("joined", connection, room.members.size());
				Map<String, Object> welcome = new LinkedHashMap<>(joined);
				welcome.put("members",
						room.members.values()
							.stream()
							.map((member) -> Map.of("session", member.sessionId(), "nick", nick(member)))
							.sorted(Comparator.comparing((Map<String, String> member) -> member.get("nick")))
							.toList());
				connection.event(topic.uri(), welcome);
				tellOthers(room, connection, topic.uri(), joined);
				return;
			}
		}
	}

	@OnUnsubscribe
	void left(WampConnection connection, Topic topic) {
		Room room = this.rooms.get(topic.uri());
		if (room == null) {
			return;
		}
		synchronized (room) {
			if (room.members.remove(connection.sessionId()) == null) {
				return;
			}
			if (room.members.isEmpty()) {
				room.removed = true;
				this.rooms.remove(topic.uri(), room);
				return;
			}
			tellOthers(room, connection, topic.uri(), presence("left", connection, room.members.size()));
		}
	}

	/**
	 * Sends one EVENT, encoded once for the v1 members, to every member but {@code who}.
	 */
	private void tellOthers(Room room, WampConnection who, String topicUri, Map<String, Object> change) {
		String frame = this.json.writeValueAsString(List.of(8, topicUri, change));
		for (WampConnection member : room.members.values()) {
			if (member != who) {
				if (member.protocolVersion() == 1) {
					member.send(frame);
				}
				else {
					// a WAMP v2 member gets its own EVENT on its subscription
					member.event(topicUri, change);
				}
			}
		}
	}

	private static Map<String, Object> presence(String action, WampConnection connection, int count) {
		Map<String, Object> presence = new LinkedHashMap<>();
		presence.put("type", "presence");
		presence.put("action", action);
		presence.put("session", connection.sessionId());
		presence.put("nick", nick(connection));
		presence.put("count", count);
		return presence;
	}

	/**
	 * The nickname from the handshake's {@code ?nick=} parameter, or {@code anonymous}.
	 */
	private static String nick(WampConnection connection) {
		return connection.attributes().computeIfAbsent(NICK, () -> {
			HttpRequest request = connection.attributes().get(Attributes.HTTP_REQUEST, HttpRequest.class);
			String nick = (request != null) ? nickParameter(request.uri()) : "";
			nick = nick.strip();
			if (nick.length() > MAX_NICK_LENGTH) {
				nick = nick.substring(0, MAX_NICK_LENGTH);
			}
			return nick.isEmpty() ? "anonymous" : nick;
		});
	}

	private static String nickParameter(URI uri) {
		// a java.net.URI holds only well-formed %-escapes, so decoding cannot fail
		String raw = UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("nick");
		return (raw != null) ? UriUtils.decode(raw, StandardCharsets.UTF_8) : "";
	}

	/** The members of one room, by session id, in the order they joined. */
	private static final class Room {

		final Map<String, WampConnection> members = new LinkedHashMap<>();

		boolean removed;

	}

}
