package dev.websocket.server.middleware;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import dev.websocket.server.connection.AttributeStore;
import dev.websocket.server.connection.Attributes;
import dev.websocket.server.connection.Frame;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.wamp.WampConnection;
import org.jspecify.annotations.Nullable;

/**
 * A minimal {@link WampConnection} that only stores attributes, for handshake layer
 * tests.
 */
final class TestConnection implements WampConnection {

	private final AttributeStore attributes = new AttributeStore();

	static TestConnection of(HttpRequest request) {
		TestConnection connection = new TestConnection();
		connection.attributes.set(Attributes.HTTP_REQUEST, request);
		connection.attributes.set(Attributes.REMOTE_ADDRESS, request.remoteAddress());
		return connection;
	}

	static HttpRequest request(String remoteAddress, Map<String, List<String>> headers, List<String> subprotocols) {
		return new HttpRequest(URI.create("ws://localhost/ws"), headers, Map.of(), remoteAddress, subprotocols, null);
	}

	@Override
	public AttributeStore attributes() {
		return attributes;
	}

	@Override
	public String sessionId() {
		return "test-session";
	}

	@Override
	public @Nullable Principal principal() {
		return null;
	}

	@Override
	public void callResult(String callId, @Nullable Object result) {
	}

	@Override
	public void callError(String callId, String errorUri, String description, @Nullable Object details) {
	}

	@Override
	public void event(String topicUri, @Nullable Object event) {
	}

	@Override
	public void prefix(String prefix, String uri) {
	}

	@Override
	public String getUri(String curieOrUri) {
		return curieOrUri;
	}

	@Override
	public void send(Frame frame) {
	}

	@Override
	public boolean isClosing() {
		return false;
	}

	@Override
	public void send(String data) {
	}

	@Override
	public void close() {
	}

	@Override
	public void close(int code, String reason) {
	}

}
