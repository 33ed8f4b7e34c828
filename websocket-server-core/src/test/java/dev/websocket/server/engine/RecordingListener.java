package dev.websocket.server.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.middleware.HandshakeRejectedException;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.message.WampMessage;
import org.jspecify.annotations.Nullable;

/** Records what the engine reports, as strings easy to assert on. */
final class RecordingListener implements WampServerListener {

	final List<String> events = new CopyOnWriteArrayList<>();

	final List<IgnoredReason> ignored = new CopyOnWriteArrayList<>();

	final List<CallOutcome> calls = new CopyOnWriteArrayList<>();

	final List<Throwable> errors = new CopyOnWriteArrayList<>();

	final List<OverflowPolicy> overflows = new CopyOnWriteArrayList<>();

	final List<CloseStatus> closed = new CopyOnWriteArrayList<>();

	final List<String> sent = new CopyOnWriteArrayList<>();

	@Override
	public void messagesSent(int typeId, int count) {
		sent.add(typeId + "x" + count);
	}

	@Override
	public void connectionOpened(WampConnection connection) {
		events.add("opened");
	}

	@Override
	public void connectionClosed(WampConnection connection, CloseStatus status) {
		events.add("closed");
		closed.add(status);
	}

	@Override
	public void handshakeRejected(HttpRequest request, HandshakeRejectedException rejection) {
		events.add("rejected " + rejection.status());
	}

	@Override
	public void subscribed(WampConnection connection, String topicUri) {
		events.add("subscribed " + topicUri);
	}

	@Override
	public void unsubscribed(WampConnection connection, String topicUri) {
		events.add("unsubscribed " + topicUri);
	}

	@Override
	public void topicCreated(String topicUri) {
		events.add("topic created " + topicUri);
	}

	@Override
	public void topicRemoved(String topicUri) {
		events.add("topic removed " + topicUri);
	}

	@Override
	public void messageIgnored(WampConnection connection, WampMessage message, IgnoredReason reason) {
		ignored.add(reason);
	}

	@Override
	public void callCompleted(WampConnection connection, @Nullable String pattern, CallOutcome outcome, long nanos) {
		calls.add(outcome);
	}

	@Override
	public void outboundOverflow(WampConnection connection, OverflowPolicy policy) {
		overflows.add(policy);
	}

	@Override
	public void error(WampConnection connection, Throwable error) {
		errors.add(error);
	}

}
