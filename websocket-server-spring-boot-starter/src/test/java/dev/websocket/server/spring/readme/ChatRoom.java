package dev.websocket.server.spring.readme;

import java.time.Instant;
import java.util.Map;

import dev.websocket.server.spring.annotation.OnSubscribe;
import dev.websocket.server.spring.annotation.Periodic;
import dev.websocket.server.spring.annotation.UriVariable;
import dev.websocket.server.spring.annotation.WampTopic;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.topic.Topic;

// exactly as in the root README
@WampTopic("chat/{room}")
class ChatRoom {

	// the newcomer is subscribed once this returns: the others hear of it
	@OnSubscribe
	void joined(WampConnection connection, Topic topic, @UriVariable("room") String room) {
		topic.broadcast(Map.of("joined", connection.sessionId(), "room", room));
	}

	// runs per topic, only while it has subscribers; the result is broadcast
	@Periodic("10s")
	Map<String, Object> heartbeat(@UriVariable("room") String room) {
		return Map.of("room", room, "time", Instant.now().toString());
	}

}
