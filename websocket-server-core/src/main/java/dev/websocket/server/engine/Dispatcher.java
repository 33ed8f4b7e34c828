package dev.websocket.server.engine;

import java.util.Set;

import dev.websocket.server.middleware.Middleware;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.message.WampMessage;
import dev.websocket.server.wamp.topic.Publication;
import org.jspecify.annotations.Nullable;

/**
 * The end of the middleware chain: hands each WAMP v1 message to the protocol-neutral
 * core (a WAMP v2 message, which the layers saw in its v1 view, back to its session)
 * ({@link CallDispatcher} for CALL, {@link Subscriptions} for SUBSCRIBE, UNSUBSCRIBE and
 * PUBLISH). Runs on the connection's I/O thread; nothing here blocks.
 */
final class Dispatcher implements Middleware.Chain {

	private final CallDispatcher calls;

	private final Subscriptions subscriptions;

	private final WampServerListener listener;

	private final LiveConnections connections;

	Dispatcher(CallDispatcher calls, Subscriptions subscriptions, WampServerListener listener,
			LiveConnections connections) {
		this.calls = calls;
		this.subscriptions = subscriptions;
		this.listener = listener;
		this.connections = connections;
	}

	@Override
	public void onOpen(WampConnection connection) {
	}

	@Override
	public void onClose(WampConnection connection) {
		// Subscriptions are removed by the session after the chain, whatever the layers
		// did.
	}

	@Override
	public void onError(WampConnection connection, Throwable error) {
		listener.error(connection, error);
	}

	@Override
	public void onMessage(WampConnection connection, WampMessage message) {
		DecoratedConnection target = resolve(connection);
		if (target == null) {
			return;
		}
		if (target instanceof Wamp2Connection v2) {
			// a WAMP v2 message in its v1 view: the session handles the original
			Runnable action = v2.takeChainAction();
			if (action != null) {
				action.run();
			}
			return;
		}
		if (message instanceof WampMessage.Call call) {
			calls.call(target, call.callId(), call.procUri(), call.arguments());
		}
		else if (message instanceof WampMessage.Subscribe subscribe) {
			subscriptions.subscribe(target, subscribe);
		}
		else if (message instanceof WampMessage.Unsubscribe unsubscribe) {
			subscriptions.unsubscribe(target, unsubscribe);
		}
		else if (message instanceof WampMessage.Publish publish) {
			publish(target, publish);
		}
		// PREFIX was handled on receipt; server-to-client types never arrive decoded from
		// a client.
	}

	private void publish(DecoratedConnection connection, WampMessage.Publish message) {
		Set<String> eligible = (message.eligible() != null) ? Set.copyOf(message.eligible()) : null;
		Publication publication = new Publication(message.topicUri(), message.event(),
				subscriptions.exclude(connection, message), eligible, null);
		subscriptions.publish(connection, message, publication);
	}

	private @Nullable DecoratedConnection resolve(WampConnection connection) {
		if (connection instanceof DecoratedConnection decorated) {
			return decorated;
		}
		// A layer wrapped the connection: work on the engine's own one.
		return (DecoratedConnection) connections.find(connection.sessionId())
			.filter(DecoratedConnection.class::isInstance)
			.orElse(null);
	}

}
