package dev.websocket.server.sample.chat;

import java.util.List;
import java.util.Map;

import dev.websocket.server.test.WampTester;
import dev.websocket.server.test.autoconfigure.AutoConfigureWampTester;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's procedures and chat room through {@link WampTester}, as an application
 * tests its own handlers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWampTester
class ChatTesterTests {

	@Autowired
	WampTester ann;

	@Autowired
	WampTester bob;

	/** The presence event of {@link ChatRoomTopic}, the fields a client reads. */
	record Presence(String type, String action, String session, int count) {
	}

	/** A chat message as the sample page publishes it. */
	record Message(String type, String nick, String text) {
	}

	@Test
	void sumAddsItsArguments() {
		this.ann.call("sample/sum", 1, 2, 3).result(Integer.class).isEqualTo(6);
	}

	@Test
	void sumAcceptsOneListAndFractions() {
		this.ann.call("sample/sum", List.of(1.5, 2.25)).result(Double.class).isEqualTo(3.75);
	}

	@Test
	void echoAnswersItsArgument() {
		this.ann.call("sample/echo", Map.of("a", 1)).result(Map.class).isEqualTo(Map.of("a", 1));
	}

	@Test
	void failAnswersTheSampleFailure() {
		this.ann.call("sample/fail").error().uri(SampleProcedures.FAILURE_URI).description("sample/fail always fails");
	}

	@Test
	void joiningIsAnnouncedToTheNewcomerAndTheRoom() {
		WampTester.Subscription annInRoom = this.ann.subscribe("chat/tester-join");
		annInRoom.expectEvent(Presence.class).isEqualTo(new Presence("presence", "joined", this.ann.sessionId(), 1));
		this.bob.subscribe("chat/tester-join");
		annInRoom.expectEvent(Presence.class).isEqualTo(new Presence("presence", "joined", this.bob.sessionId(), 2));
	}

	@Test
	void messageWithExcludeMeReachesTheOthersOnly() {
		WampTester.Subscription annInRoom = this.ann.subscribe("chat/tester-talk");
		annInRoom.expectEvent(Presence.class).extracting(Presence::action).isEqualTo("joined");
		WampTester.Subscription bobInRoom = this.bob.subscribe("chat/tester-talk");
		bobInRoom.expectEvent(Presence.class).extracting(Presence::count).isEqualTo(2);
		annInRoom.expectEvent(Presence.class).extracting(Presence::count).isEqualTo(2);

		Message hello = new Message("message", "ann", "hello");
		this.ann.publish("chat/tester-talk", hello, true);
		bobInRoom.expectEvent(Message.class).isEqualTo(hello);
		annInRoom.expectNoEvent();
	}

	@Test
	void leavingIsAnnouncedToThoseWhoStay() {
		WampTester.Subscription annInRoom = this.ann.subscribe("chat/tester-leave");
		annInRoom.expectEvent();
		WampTester.Subscription bobInRoom = this.bob.subscribe("chat/tester-leave");
		bobInRoom.expectEvent();
		annInRoom.expectEvent();
		bobInRoom.unsubscribe();
		annInRoom.expectEvent(Presence.class).satisfies((left) -> {
			assertThat(left.action()).isEqualTo("left");
			assertThat(left.session()).isEqualTo(this.bob.sessionId());
			assertThat(left.count()).isEqualTo(1);
		});
	}

}
