package dev.websocket.server.benchmarks.starter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * This server as the benchmark runs it: the starter on WebFlux with the same dependencies
 * as the chat sample (actuator, reactive Redis for the two-node run), topic
 * {@code chat/{room}} broadcast as published and RPC {@code sample/echo}. The chat sample
 * itself announces presence with the whole member list on every join, which makes a
 * 1,000-subscriber room cost O(n²) frames before the first event; that is the sample's
 * feature, not the server's cost, so it is left out here.
 */
@SpringBootApplication
public class StarterServerApplication {

	/**
	 * Starts the server; pass {@code --server.port=...} and {@code websocket.server.*}
	 * properties.
	 * @param args Spring Boot arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(StarterServerApplication.class, args);
	}

}
