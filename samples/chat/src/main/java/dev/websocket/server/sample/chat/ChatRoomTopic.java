package dev.websocket.server.sample.chat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.websocket.server.connection.Attributes;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.spring.annotation.OnSubscribe;
import dev.websocket.server.spring.annotation.OnUnsubscribe;
import dev.websocket.server.spring.annotation.WampTopic;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.topic.Topic;

import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Topic {@code chat/{room}}: anyone may subscribe and publish, and publications are
 * broadcast as they are (the default, honoring excludeMe, exclude and eligible). The
 * hooks tell the room who joined and who left with a presence event:
 * <pre>{"type":"presence","action":"joined","session":"…","nick":"ann","count":2,"members":[{"session":"…","nick":"ann"},…]}</pre>
 * The nickname comes from the {@code nick} query parameter of the WebSocket URL
 * ({@code /ws?nick=ann}).
 */
@WampTopic("chat/{room}")
final class ChatRoomTopic {

	private static final String NICK = "chat.nick";

	private static final int MAX_NICK_LENGTH = 32;

	@OnSubscribe
	void joined(WampConnection connection, Topic topic) {
		Map<String, WampConnection> members = members(topic);
		members.put(connection.sessionId(), connection);
		Map<String, Object> presence = presence("joined", connection, members);
		topic.broadcast(presence);
		if (!topic.subscribers().contains(connection)) {
			// The hook runs before the subscription is registered: tell the newcomer too.
			connection.event(topic.uri(), presence);
		}
	}

	@OnUnsubscribe
	void left(WampConnection connection, Topic topic) {
		Map<String, WampConnection> members = members(topic);
		members.remove(connection.sessionId());
		topic.broadcast(presence("left", connection, members), Set.of(connection.sessionId()), null);
	}

	private static Map<String, WampConnection> members(Topic topic) {
		Map<String, WampConnection> members = new LinkedHashMap<>();
		topic.subscribers()
			.stream()
			.sorted(Comparator.comparing(ChatRoomTopic::nick))
			.forEach((member) -> members.put(member.sessionId(), member));
		return members;
	}

	private static Map<String, Object> presence(String action, WampConnection connection,
			Map<String, WampConnection> members) {
		List<Map<String, String>> list = members.values()
			.stream()
			.map((member) -> Map.of("session", member.sessionId(), "nick", nick(member)))
			.toList();
		Map<String, Object> presence = new LinkedHashMap<>();
		presence.put("type", "presence");
		presence.put("action", action);
		presence.put("session", connection.sessionId());
		presence.put("nick", nick(connection));
		presence.put("count", list.size());
		presence.put("members", list);
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

}
