package dev.websocket.server.middleware;

import java.util.ArrayList;
import java.util.List;

import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.message.WampMessage;

/** A chain end that records which connections it saw opening. */
final class RecordingChain implements Middleware.Chain {

	final List<WampConnection> opened = new ArrayList<>();

	@Override
	public void onOpen(WampConnection connection) {
		opened.add(connection);
	}

	@Override
	public void onMessage(WampConnection connection, WampMessage message) {
	}

	@Override
	public void onClose(WampConnection connection) {
	}

	@Override
	public void onError(WampConnection connection, Throwable error) {
	}

}
