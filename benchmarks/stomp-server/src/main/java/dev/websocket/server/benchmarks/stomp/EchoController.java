package dev.websocket.server.benchmarks.stomp;

import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;

/**
 * Request/reply for the RPC scenario: a SEND to {@code /app/echo} is answered on the
 * sender's {@code /user/queue/echo} subscription with the same body.
 */
@Controller
class EchoController {

	@MessageMapping("/echo")
	@SendToUser(destinations = "/queue/echo", broadcast = false)
	String echo(String body) {
		return body;
	}

}
