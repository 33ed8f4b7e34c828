package dev.websocket.server.spring.readme;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A plain application: component scanning finds {@link Calculator} and {@link ChatRoom}.
 */
@SpringBootApplication
class ReadmeApplication {

}
