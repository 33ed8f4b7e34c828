package dev.websocket.server.sample.chat;

import dev.websocket.server.spring.push.WampTemplate;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pushes into a room from plain HTTP: {@code POST /api/rooms/{room}/messages} with a JSON
 * body publishes the body as the event of {@code chat/{room}}.
 */
@RestController
final class RoomController {

	private final WampTemplate wamp;

	RoomController(WampTemplate wamp) {
		this.wamp = wamp;
	}

	@PostMapping("/api/rooms/{room}/messages")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<Void> publish(@PathVariable String room, @RequestBody JsonNode message) {
		return wamp.publish("chat/" + room, message);
	}

}
