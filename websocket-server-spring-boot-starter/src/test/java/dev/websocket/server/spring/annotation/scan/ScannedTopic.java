package dev.websocket.server.spring.annotation.scan;

import dev.websocket.server.spring.annotation.OnPublish;
import dev.websocket.server.spring.annotation.WampTopic;

/** A topic bean found by component scanning. */
@WampTopic("scanned/{name}")
public class ScannedTopic {

	@OnPublish
	String prefix(String event) {
		return "scanned " + event;
	}

}
