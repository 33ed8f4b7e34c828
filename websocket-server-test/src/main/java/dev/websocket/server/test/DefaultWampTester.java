package dev.websocket.server.test;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.websocket.server.client.WampCallException;
import dev.websocket.server.client.WampClient;
import dev.websocket.server.wamp.codec.WampCodec;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ObjectAssert;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@link WampTester} over a {@link WampClient}, blocking the test's thread. */
final class DefaultWampTester implements WampTester {

	/** Events a subscription keeps before the test reads them; more fail the test. */
	private static final int MAX_PENDING_EVENTS = 10_000;

	private final DefaultBuilder settings;

	private final WampClient client;

	private DefaultWampTester(DefaultBuilder settings, WampClient client) {
		this.settings = settings;
		this.client = client;
	}

	@Override
	public String sessionId() {
		return this.client.sessionId();
	}

	@Override
	public CallResponse call(String procUri, @Nullable Object... args) {
		JsonNode result;
		try {
			result = this.client.call(procUri, args).block(this.settings.timeout);
		}
		catch (WampCallException ex) {
			return new DefaultCallResponse(procUri, null, ex);
		}
		return new DefaultCallResponse(procUri, result, null);
	}

	@Override
	public Subscription subscribe(String topicUri) {
		DefaultSubscription subscription = new DefaultSubscription(topicUri);
		this.client.subscribe(topicUri, subscription::add).block(this.settings.timeout);
		barrier();
		return subscription;
	}

	@Override
	public WampTester publish(String topicUri, @Nullable Object event) {
		return sent(this.client.publish(topicUri, event));
	}

	@Override
	public WampTester publish(String topicUri, @Nullable Object event, boolean excludeMe) {
		return sent(this.client.publish(topicUri, event, excludeMe));
	}

	@Override
	public WampTester publish(String topicUri, @Nullable Object event, List<String> exclude) {
		return sent(this.client.publish(topicUri, event, exclude));
	}

	@Override
	public WampTester publish(String topicUri, @Nullable Object event, List<String> exclude, List<String> eligible) {
		return sent(this.client.publish(topicUri, event, exclude, eligible));
	}

	@Override
	public WampTester prefix(String prefix, String uri) {
		return sent(this.client.prefix(prefix, uri));
	}

	@Override
	public WampClient client() {
		return this.client;
	}

	@Override
	public Builder mutate() {
		return new DefaultBuilder(this.settings);
	}

	@Override
	public void close() {
		if (!this.client.isClosed()) {
			this.client.close().block(this.settings.timeout);
		}
	}

	private WampTester sent(Mono<Void> send) {
		send.block(this.settings.timeout);
		barrier();
		return this;
	}

	/**
	 * Waits until the server handled every message sent so far: it handles one
	 * connection's messages in order, so the answer to a CALL sent now comes after them.
	 */
	private void barrier() {
		try {
			this.client.call(BARRIER_PROCEDURE).block(this.settings.timeout);
		}
		catch (WampCallException ex) {
			// the expected answer: no handler serves the barrier
		}
	}

	private <T> @Nullable T convert(@Nullable JsonNode json, Class<T> type, String what) {
		if (json == null || json.isNull()) {
			return null;
		}
		try {
			return this.settings.mapper.treeToValue(json, type);
		}
		catch (RuntimeException ex) {
			throw new AssertionError(
					what + " " + json + " does not convert to " + type.getName() + ": " + ex.getMessage(), ex);
		}
	}

	private final class DefaultCallResponse implements CallResponse {

		private final String procUri;

		private final @Nullable JsonNode result;

		private final @Nullable WampCallException error;

		DefaultCallResponse(String procUri, @Nullable JsonNode result, @Nullable WampCallException error) {
			this.procUri = procUri;
			this.result = result;
			this.error = error;
		}

		@Override
		public <T> ObjectAssert<@Nullable T> result(Class<T> type) {
			JsonNode json = result();
			return Assertions.<@Nullable T>assertThat(convert(json, type, "The result of CALL " + this.procUri))
				.as("result of CALL %s", this.procUri);
		}

		@Override
		public JsonNode result() {
			WampCallException failure = this.error;
			if (failure != null) {
				throw new AssertionError("CALL " + this.procUri + " failed with " + failure.errorUri() + " ("
						+ failure.description() + "), a result was expected", failure);
			}
			JsonNode json = this.result;
			if (json == null) {
				throw new AssertionError("CALL " + this.procUri + " got no answer");
			}
			return json;
		}

		@Override
		public ErrorSpec error() {
			WampCallException failure = this.error;
			if (failure == null) {
				throw new AssertionError(
						"CALL " + this.procUri + " returned " + this.result + ", a CALLERROR was expected");
			}
			return new DefaultErrorSpec(this.procUri, failure);
		}

	}

	private final class DefaultErrorSpec implements ErrorSpec {

		private final String procUri;

		private final WampCallException error;

		DefaultErrorSpec(String procUri, WampCallException error) {
			this.procUri = procUri;
			this.error = error;
		}

		@Override
		public ErrorSpec uri(String expected) {
			Assertions.assertThat(this.error.errorUri()).as("error URI of CALL %s", this.procUri).isEqualTo(expected);
			return this;
		}

		@Override
		public ErrorSpec description(String expected) {
			Assertions.assertThat(this.error.description())
				.as("error description of CALL %s", this.procUri)
				.isEqualTo(expected);
			return this;
		}

		@Override
		public <T> ObjectAssert<@Nullable T> details(Class<T> type) {
			return Assertions
				.<@Nullable T>assertThat(
						convert(this.error.details(), type, "The error details of CALL " + this.procUri))
				.as("error details of CALL %s", this.procUri);
		}

		@Override
		public WampCallException exception() {
			return this.error;
		}

	}

	private final class DefaultSubscription implements Subscription {

		private final String topicUri;

		private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>(MAX_PENDING_EVENTS);

		private volatile boolean overflowed;

		DefaultSubscription(String topicUri) {
			this.topicUri = topicUri;
		}

		/** Runs on the client's receiving thread: never blocks, never throws. */
		void add(JsonNode event) {
			if (!this.events.offer(event)) {
				this.overflowed = true;
			}
		}

		@Override
		public String topicUri() {
			return this.topicUri;
		}

		@Override
		public JsonNode expectEvent() {
			if (this.overflowed) {
				throw new AssertionError("More than " + MAX_PENDING_EVENTS + " unread events on " + this.topicUri);
			}
			JsonNode event;
			try {
				event = this.events.poll(settings.timeout.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting for an event on " + this.topicUri, ex);
			}
			if (event == null) {
				throw new AssertionError("No event on " + this.topicUri + " within " + settings.timeout);
			}
			return event;
		}

		@Override
		public <T> ObjectAssert<@Nullable T> expectEvent(Class<T> type) {
			JsonNode event = expectEvent();
			return Assertions.<@Nullable T>assertThat(convert(event, type, "The event on " + this.topicUri))
				.as("event on %s", this.topicUri);
		}

		@Override
		public Subscription expectNoEvent() {
			barrier();
			JsonNode event = this.events.peek();
			if (event != null) {
				throw new AssertionError("Unexpected event on " + this.topicUri + ": " + event);
			}
			return this;
		}

		@Override
		public void unsubscribe() {
			sent(client.unsubscribe(this.topicUri));
		}

	}

	static final class DefaultBuilder implements Builder {

		private final URI uri;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private Duration timeout = Duration.ofSeconds(5);

		private JsonMapper mapper = JsonMapper.builder().build();

		DefaultBuilder(URI uri) {
			this.uri = uri;
		}

		DefaultBuilder(DefaultBuilder other) {
			this.uri = other.uri;
			this.headers.putAll(other.headers);
			this.timeout = other.timeout;
			this.mapper = other.mapper;
		}

		@Override
		public Builder header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		@Override
		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		@Override
		public Builder mapper(JsonMapper mapper) {
			this.mapper = mapper;
			return this;
		}

		@Override
		public WampTester build() {
			WampClient.Builder builder = WampClient.builder(this.uri)
				.codec(new WampCodec(this.mapper, WampCodec.DEFAULT_MAX_URI_LENGTH))
				.connectTimeout(this.timeout);
			this.headers.forEach(builder::header);
			WampClient client = builder.connect().block(this.timeout.multipliedBy(2));
			if (client == null) {
				throw new IllegalStateException("No connection to " + this.uri);
			}
			return new DefaultWampTester(new DefaultBuilder(this), client);
		}

	}

}
