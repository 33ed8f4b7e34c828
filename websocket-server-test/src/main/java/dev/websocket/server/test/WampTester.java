package dev.websocket.server.test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.websocket.server.client.WampCallException;
import dev.websocket.server.client.WampClient;
import org.assertj.core.api.ObjectAssert;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tests an application's own WAMP handlers over one real WebSocket connection: call a
 * procedure and assert its result or error, subscribe and expect events, publish with
 * every WAMP v1 option. Every step waits for its answer, at most the tester's timeout.
 *
 * <pre class="code">
 * tester.call("calc/add", 2, 3).result(Integer.class).isEqualTo(5);
 * tester.call("calc/div", 1, 0).error().uri("calc#divByZero");
 * WampTester.Subscription lobby = tester.subscribe("chat/lobby");
 * other.publish("chat/lobby", Map.of("text", "hi"));
 * lobby.expectEvent(Message.class).isEqualTo(new Message("hi"));
 * </pre>
 *
 * <p>
 * WAMP v1 does not acknowledge SUBSCRIBE, UNSUBSCRIBE or PUBLISH. The tester makes them
 * take effect before it returns with a barrier: a CALL sent after them on the same
 * connection, to {@value #BARRIER_PROCEDURE}, which no handler serves. The server handles
 * the messages of one connection in order, so when that CALL's answer (a
 * {@code NoSuchRPCEndpoint} CALLERROR) arrives, the message before it has been handled. A
 * barrier shows in the server's metrics as one unanswered procedure.
 *
 * <p>
 * With {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} and
 * {@link dev.websocket.server.test.autoconfigure.AutoConfigureWampTester @AutoConfigureWampTester},
 * inject one: each injection is a new connection. Otherwise build one with
 * {@link #builder(URI)}; close it when done.
 */
public interface WampTester extends AutoCloseable {

	/** The procedure the barrier calls; no handler may serve it. */
	String BARRIER_PROCEDURE = "urn:x-wamp-tester:barrier";

	/**
	 * A builder for a tester of the server at {@code uri}.
	 * @param uri the endpoint, {@code ws://host:port/ws}
	 * @return the builder
	 */
	static Builder builder(URI uri) {
		return new DefaultWampTester.DefaultBuilder(uri);
	}

	/** The WAMP session id the server gave this tester's connection. */
	String sessionId();

	/**
	 * Calls a procedure and waits for its answer.
	 * @param procUri the procedure URI or CURIE
	 * @param args the positional arguments (converted to JSON by the tester's mapper)
	 * @return the answer, to assert on
	 */
	CallResponse call(String procUri, @Nullable Object... args);

	/**
	 * Subscribes to a topic; returns once the subscription is in effect (see the barrier
	 * above).
	 * @param topicUri the topic URI or CURIE
	 * @return the subscription, which collects the topic's events
	 */
	Subscription subscribe(String topicUri);

	/**
	 * Publishes {@code [7, topicUri, event]}; returns once the server handled it.
	 * @param topicUri the topic URI or CURIE
	 * @param event the payload
	 * @return this tester
	 */
	WampTester publish(String topicUri, @Nullable Object event);

	/**
	 * Publishes {@code [7, topicUri, event, excludeMe]}; returns once the server handled
	 * it.
	 * @param topicUri the topic URI or CURIE
	 * @param event the payload
	 * @param excludeMe whether this session is left out
	 * @return this tester
	 */
	WampTester publish(String topicUri, @Nullable Object event, boolean excludeMe);

	/**
	 * Publishes {@code [7, topicUri, event, exclude]}; returns once the server handled
	 * it.
	 * @param topicUri the topic URI or CURIE
	 * @param event the payload
	 * @param exclude session ids left out
	 * @return this tester
	 */
	WampTester publish(String topicUri, @Nullable Object event, List<String> exclude);

	/**
	 * Publishes {@code [7, topicUri, event, exclude, eligible]}; returns once the server
	 * handled it.
	 * @param topicUri the topic URI or CURIE
	 * @param event the payload
	 * @param exclude session ids left out
	 * @param eligible the only session ids it may reach
	 * @return this tester
	 */
	WampTester publish(String topicUri, @Nullable Object event, List<String> exclude, List<String> eligible);

	/**
	 * Defines a CURIE prefix with {@code [1, prefix, uri]}; returns once it is in effect.
	 * @param prefix the prefix
	 * @param uri what it expands to
	 * @return this tester
	 */
	WampTester prefix(String prefix, String uri);

	/** The underlying client, for what the tester does not cover. */
	WampClient client();

	/**
	 * A builder with this tester's settings, for another session (a second user, a
	 * subscriber next to a publisher).
	 * @return the builder
	 */
	Builder mutate();

	/** Closes the connection. */
	@Override
	void close();

	/** The answer to a CALL. */
	interface CallResponse {

		/**
		 * Asserts that the CALL succeeded and converts its result.
		 * @param <T> the result type
		 * @param type the result type
		 * @return an assertion on the result
		 * @throws AssertionError when the CALL was answered with a CALLERROR
		 */
		<T> ObjectAssert<@Nullable T> result(Class<T> type);

		/**
		 * Asserts that the CALL succeeded.
		 * @return its result as JSON
		 * @throws AssertionError when the CALL was answered with a CALLERROR
		 */
		JsonNode result();

		/**
		 * Asserts that the CALL was answered with a CALLERROR.
		 * @return the error, to assert on
		 * @throws AssertionError when the CALL succeeded
		 */
		ErrorSpec error();

	}

	/** A CALLERROR, to assert on. */
	interface ErrorSpec {

		/**
		 * @param expected the error URI
		 * @return this spec
		 * @throws AssertionError when the error URI differs
		 */
		ErrorSpec uri(String expected);

		/**
		 * @param expected the error description
		 * @return this spec
		 * @throws AssertionError when the description differs
		 */
		ErrorSpec description(String expected);

		/**
		 * @param <T> the details type
		 * @param type the details type
		 * @return an assertion on the error details (null when there are none)
		 */
		<T> ObjectAssert<@Nullable T> details(Class<T> type);

		/** The error as the client saw it. */
		WampCallException exception();

	}

	/** A subscription in effect; collects the topic's events in arrival order. */
	interface Subscription {

		/** The topic as subscribed. */
		String topicUri();

		/**
		 * Waits for the next event.
		 * @return its payload as JSON
		 * @throws AssertionError when none arrives within the timeout
		 */
		JsonNode expectEvent();

		/**
		 * Waits for the next event and converts it.
		 * @param <T> the event type
		 * @param type the event type
		 * @return an assertion on the event
		 * @throws AssertionError when none arrives within the timeout
		 */
		<T> ObjectAssert<@Nullable T> expectEvent(Class<T> type);

		/**
		 * Asserts that no event is waiting, after a barrier on this subscription's
		 * connection: an event the server queued for it before the barrier's answer has
		 * arrived by then. It proves "not delivered" for publications the server handled
		 * before the barrier (those of a {@link #publish} that returned), on one node.
		 * @return this subscription
		 * @throws AssertionError when an event is waiting
		 */
		Subscription expectNoEvent();

		/** Unsubscribes; returns once it is in effect. */
		void unsubscribe();

	}

	/** Configures a {@link WampTester}. */
	interface Builder {

		/**
		 * @param name a header of the upgrade request (e.g. {@code Authorization})
		 * @param value its value
		 * @return this builder
		 */
		Builder header(String name, String value);

		/**
		 * @param timeout the longest wait for any answer or event (default 5 seconds)
		 * @return this builder
		 */
		Builder timeout(Duration timeout);

		/**
		 * @param mapper converts arguments, events and results (the application's, when
		 * auto-configured)
		 * @return this builder
		 */
		Builder mapper(JsonMapper mapper);

		/**
		 * Connects.
		 * @return the tester
		 */
		WampTester build();

	}

}
