package dev.websocket.server.sample.chat;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The chat sample: a WAMP endpoint (v1 and v2) at {@code /ws} with a few procedures, a
 * chat topic per room, a clock and a REST endpoint that pushes into a room; the chat page
 * is served at {@code /}.
 */
@SpringBootApplication
public class ChatApplication {

	public static void main(String[] args) {
		SpringApplication.run(ChatApplication.class, args);
	}

}
