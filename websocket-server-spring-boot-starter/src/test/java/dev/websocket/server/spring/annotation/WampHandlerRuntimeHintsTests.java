package dev.websocket.server.spring.annotation;

import java.security.Principal;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.topic.Topic;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/** Native-image hints for annotated handler methods and the types Jackson binds. */
class WampHandlerRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	WampHandlerRuntimeHintsTests() {
		new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(this.hints, Procedures.class, Room.class);
	}

	@Test
	void rpcMethodIsInvocable() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Procedures.class, "divide"))
			.accepts(this.hints);
	}

	@Test
	void recordArgumentIsBindable() {
		assertThat(
				RuntimeHintsPredicates.reflection().onConstructorInvocation(Point.class.getDeclaredConstructors()[0]))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Point.class, "x")).accepts(this.hints);
	}

	@Test
	void recordResultIsBindable() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Quotient.class, "quotient"))
			.accepts(this.hints);
	}

	@Test
	void collectionElementTypeIsBindable() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Procedures.class, "centre"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Line.class, "from")).accepts(this.hints);
	}

	@Test
	void valueOfAsynchronousResultsIsBindable() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Later.class, "value")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Streamed.class, "index")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Future.class, "done")).accepts(this.hints);
	}

	@Test
	void topicHooksAreInvocableAndTheirEventBindable() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Room.class, "joined")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Room.class, "left")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Room.class, "published")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Room.class, "tick")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ChatMessage.class, "text"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Tick.class, "count")).accepts(this.hints);
	}

	@Test
	void parametersTheServerProvidesGetNoBindingHints() {
		assertThat(RuntimeHintsPredicates.reflection().onType(WampConnection.class)).rejects(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Topic.class)).rejects(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Principal.class)).rejects(this.hints);
	}

	@Test
	void methodsWithoutHandlerAnnotationsGetNoHints() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Procedures.class, "helper"))
			.rejects(this.hints);
	}

	record Point(int x, int y) {
	}

	record Line(Point from, Point to) {
	}

	record Quotient(int quotient, int remainder) {
	}

	record Later(String value) {
	}

	record Streamed(int index) {
	}

	record Future(boolean done) {
	}

	record ChatMessage(String nick, String text) {
	}

	record Tick(long count) {
	}

	static class Procedures {

		@WampRpc("calc/divide")
		Quotient divide(int dividend, int divisor, WampConnection caller) {
			return new Quotient(dividend / divisor, dividend % divisor);
		}

		@WampRpc("geo/centre")
		Point centre(List<Line> lines, Principal user) {
			return lines.get(0).from();
		}

		@WampRpc("async/later")
		Mono<Later> later() {
			return Mono.just(new Later("x"));
		}

		@WampRpc("async/stream")
		Flux<Streamed> stream() {
			return Flux.just(new Streamed(1));
		}

		@WampRpc("async/future")
		CompletableFuture<Future> future() {
			return CompletableFuture.completedFuture(new Future(true));
		}

		String helper() {
			return "not a handler";
		}

	}

	@WampTopic("chat/{room}")
	static class Room {

		@OnSubscribe
		boolean joined(WampConnection connection, Topic topic, @UriVariable("room") String room) {
			return true;
		}

		@OnUnsubscribe
		void left(WampConnection connection) {
		}

		@OnPublish
		ChatMessage published(ChatMessage message) {
			return message;
		}

		@Periodic("1s")
		Tick tick(Topic topic) {
			return new Tick(topic.size());
		}

	}

}
