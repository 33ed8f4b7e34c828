package dev.websocket.server.benchmarks.stomp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring STOMP peer of the benchmark: what a Spring team uses today for the same job
 * — {@code spring-boot-starter-websocket} on Tomcat, STOMP over a raw WebSocket (no
 * SockJS) at {@code /stomp}, the simple broker for {@code /topic} and {@code /queue}, and
 * an echo for request/reply.
 */
@SpringBootApplication
public class StompServerApplication {

	/**
	 * Starts the server; pass {@code --server.port=...} to choose the port.
	 * @param args Spring Boot arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(StompServerApplication.class, args);
	}

}
