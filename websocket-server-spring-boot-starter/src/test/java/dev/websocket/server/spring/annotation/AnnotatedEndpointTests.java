package dev.websocket.server.spring.annotation;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.websocket.server.client.WampCallException;
import dev.websocket.server.client.WampClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** Annotated handlers served by the starter at {@code /ws}, over a real socket. */
@SpringBootTest(classes = AnnotatedEndpointTests.Application.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
				+ "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration,"
				+ "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration,"
				+ "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration")
class AnnotatedEndpointTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	private WampClient client;

	@AfterEach
	void close() {
		if (this.client != null) {
			this.client.abort();
		}
	}

	@Test
	void sumAcceptsPositionalArguments() {
		StepVerifier.create(client().call("sample/sum", 1, 2, 3.5).map(JsonNode::decimalValue))
			.expectNext(new BigDecimal("6.5"))
			.verifyComplete();
	}

	@Test
	void sumAcceptsTheListForm() {
		StepVerifier.create(client().call("sample/sum", List.of(1, 2, 3)).map(JsonNode::intValue))
			.expectNext(6)
			.verifyComplete();
	}

	@Test
	void argumentErrorIsAnInvalidArgumentCallError() {
		StepVerifier.create(client().call("sample/sum", "one")).expectErrorSatisfies((ex) -> {
			WampCallException error = (WampCallException) ex;
			assertThat(error.errorUri()).isEqualTo("http://api.wamp.ws/error#InvalidArgument");
			assertThat(error.description()).isEqualTo("Invalid argument 1 (values): expected an array of numbers");
		}).verify(TIMEOUT);
	}

	@Test
	void nonBlockingMethodRunsOnTheEventLoop() {
		StepVerifier.create(client().call("sample/thread").map(JsonNode::asString))
			.assertNext((thread) -> assertThat(thread).as("a Reactor Netty event loop").contains("-http-"))
			.verifyComplete();
	}

	@Test
	void blockingMethodRunsOffTheEventLoop() {
		StepVerifier.create(client().call("sample/blocking-thread").map(JsonNode::asString))
			.assertNext((thread) -> assertThat(thread).startsWith("boundedElastic-"))
			.verifyComplete();
	}

	@Test
	void publishHookTransformsEventsForSubscribers() {
		WampClient client = client();
		StepVerifier.create(client.events("chat/lobby").map(JsonNode::asString).take(1))
			.then(() -> client.call("sample/thread").block(TIMEOUT))
			.then(() -> client.publish("chat/lobby", "hello").block(TIMEOUT))
			.expectNext("lobby: HELLO")
			.verifyComplete();
	}

	private WampClient client() {
		this.client = WampClient.builder(URI.create("ws://localhost:" + this.port + "/ws")).connect().block(TIMEOUT);
		return this.client;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ SampleProcedures.class, ChatTopic.class })
	static class Application {

	}

	@WampRpc("sample/")
	static class SampleProcedures {

		@WampRpc("sum")
		BigDecimal sum(List<BigDecimal> values) {
			return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		}

		@WampRpc("thread")
		String thread() {
			return Thread.currentThread().getName();
		}

		@WampRpc("blocking-thread")
		@Blocking
		String blockingThread() {
			return Thread.currentThread().getName();
		}

	}

	@WampTopic("chat/{room}")
	static class ChatTopic {

		@OnPublish
		String publish(String text, @UriVariable("room") String room) {
			return room + ": " + text.toUpperCase();
		}

	}

}
