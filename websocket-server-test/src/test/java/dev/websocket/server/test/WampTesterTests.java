package dev.websocket.server.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.websocket.server.spring.push.WampTemplate;
import dev.websocket.server.test.TesterApplication.Quotient;
import dev.websocket.server.test.autoconfigure.AutoConfigureWampTester;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The tester against a running application, auto-configured as a user gets it. */
@SpringBootTest(classes = TesterApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWampTester
class WampTesterTests {

	@Autowired
	WampTester tester;

	@Autowired
	WampTester other;

	@Autowired
	WampTemplate template;

	/** A chat message, as a record. */
	record Message(String nick, String text) {
	}

	@Test
	void callResultConvertsToTheGivenType() {
		this.tester.call("calc/add", 2, 3).result(Integer.class).isEqualTo(5);
	}

	@Test
	void callResultConvertsToARecord() {
		this.tester.call("calc/divide", 7, 2).result(Quotient.class).isEqualTo(new Quotient(3, 1));
	}

	@Test
	void callErrorHasItsUriDescriptionAndDetails() {
		WampTester.ErrorSpec error = this.tester.call("calc/divide", 1, 0)
			.error()
			.uri("calc#divByZero")
			.description("Division by zero");
		error.details(Map.class).isEqualTo(Map.of("dividend", 1));
	}

	@Test
	void expectingAResultOfAFailedCallFailsTheTest() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.tester.call("calc/divide", 1, 0).result(Quotient.class))
			.withMessageContaining("calc#divByZero");
	}

	@Test
	void expectingAnErrorOfASuccessfulCallFailsTheTest() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.tester.call("calc/add", 1, 1).error())
			.withMessageContaining("a CALLERROR was expected");
	}

	@Test
	void unknownProcedureIsANoSuchProcedureError() {
		this.tester.call("calc/nope").error().uri("http://api.wamp.ws/error#NoSuchRPCEndpoint");
	}

	@Test
	void subscriptionIsInEffectWhenSubscribeReturns() {
		WampTester.Subscription lobby = this.tester.subscribe("chat/lobby");
		// pushed by the server right away: it reaches the subscriber only if the
		// subscription is already registered
		this.template.publish("chat/lobby", Map.of("nick", "server", "text", "welcome")).block(Duration.ofSeconds(5));
		lobby.expectEvent(Message.class).isEqualTo(new Message("server", "welcome"));
	}

	@Test
	void publishReachesAnotherSession() {
		WampTester.Subscription room = this.other.subscribe("chat/a");
		this.tester.publish("chat/a", new Message("alice", "hi"));
		room.expectEvent(Message.class).isEqualTo(new Message("alice", "hi"));
	}

	@Test
	void publisherIsIncludedByDefault() {
		WampTester.Subscription mine = this.tester.subscribe("chat/b");
		this.tester.publish("chat/b", "echo");
		assertThat(mine.expectEvent().asString()).isEqualTo("echo");
	}

	@Test
	void excludeMeLeavesThePublisherOut() {
		WampTester.Subscription mine = this.tester.subscribe("chat/c");
		WampTester.Subscription theirs = this.other.subscribe("chat/c");
		this.tester.publish("chat/c", "hello", true);
		theirs.expectEvent(String.class).isEqualTo("hello");
		mine.expectNoEvent();
	}

	@Test
	void excludeListLeavesThoseSessionsOut() {
		WampTester.Subscription mine = this.tester.subscribe("chat/d");
		WampTester.Subscription theirs = this.other.subscribe("chat/d");
		this.tester.publish("chat/d", "not for you", List.of(this.other.sessionId()));
		mine.expectEvent(String.class).isEqualTo("not for you");
		theirs.expectNoEvent();
	}

	@Test
	void eligibleListIsTheOnlySessionsReached() {
		WampTester.Subscription mine = this.tester.subscribe("chat/e");
		WampTester.Subscription theirs = this.other.subscribe("chat/e");
		this.tester.publish("chat/e", "only you", List.of(), List.of(this.other.sessionId()));
		theirs.expectEvent(String.class).isEqualTo("only you");
		mine.expectNoEvent();
	}

	@Test
	void expectNoEventFailsWhenAnEventArrived() {
		WampTester.Subscription mine = this.tester.subscribe("chat/f");
		this.tester.publish("chat/f", "surprise");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(mine::expectNoEvent)
			.withMessageContaining("surprise");
	}

	@Test
	void unsubscribedTopicDeliversNothingMore() {
		WampTester.Subscription mine = this.tester.subscribe("chat/g");
		mine.unsubscribe();
		this.other.publish("chat/g", "gone");
		mine.expectNoEvent();
	}

	@Test
	void eachInjectionIsItsOwnSession() {
		assertThat(this.tester.sessionId()).isNotEqualTo(this.other.sessionId());
	}

	@Test
	void prefixExpandsInLaterCalls() {
		this.tester.prefix("calc", "calc/").call("calc:add", 1, 2).result(Integer.class).isEqualTo(3);
	}

}
