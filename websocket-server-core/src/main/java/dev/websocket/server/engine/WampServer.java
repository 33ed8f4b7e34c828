package dev.websocket.server.engine;

import java.time.Duration;
import java.util.List;

import dev.websocket.server.broker.Broker;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.middleware.HandshakeRejectedException;
import dev.websocket.server.middleware.Middleware;
import dev.websocket.server.wamp.codec.WampCodec;
import dev.websocket.server.wamp.rpc.RpcHandler;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.Topic;
import dev.websocket.server.wamp.topic.TopicHandler;
import reactor.core.publisher.Mono;

/**
 * A WAMP v1 server, independent of any transport: a transport {@link #open opens} a
 * {@link TransportSession} per socket and feeds it what arrives; the server runs the middleware
 * chain, keeps topics and subscriptions, dispatches CALLs and publications, and pings idle peers.
 * Build one with {@link #builder()}; thread-safe.
 */
public final class WampServer {

	/** A builder with the default settings, the in-memory broker and no handlers. */
	public static Builder builder() {
		throw new UnsupportedOperationException("TODO");
	}

	/**
	 * Opens a connection for an upgrade request: assigns the session id, fills the reserved
	 * attributes, runs the chain's {@code onOpen} and queues WELCOME.
	 * @param request the upgrade request
	 * @return the transport's handle on the connection
	 * @throws HandshakeRejectedException when a layer refuses the handshake
	 */
	public TransportSession open(HttpRequest request) {
		throw new UnsupportedOperationException("TODO");
	}

	/**
	 * Publishes through the broker, reaching subscribers on every node.
	 * @param publication what to deliver
	 * @return completes once handed to the broker
	 */
	public Mono<Void> publish(Publication publication) {
		throw new UnsupportedOperationException("TODO");
	}

	/** This node's live connections. */
	public Connections connections() {
		throw new UnsupportedOperationException("TODO");
	}

	/**
	 * A topic of this node, if it has local subscribers.
	 * @param topicUri the full URI
	 * @return the topic
	 */
	public java.util.Optional<Topic> topic(String topicUri) {
		throw new UnsupportedOperationException("TODO");
	}

	/** The number of topics with local subscribers. */
	public int topicCount() {
		throw new UnsupportedOperationException("TODO");
	}

	/** The settings in force. */
	public WampServerSettings settings() {
		throw new UnsupportedOperationException("TODO");
	}

	/** The codec in use. */
	public WampCodec codec() {
		throw new UnsupportedOperationException("TODO");
	}

	/** The broker in use. */
	public Broker broker() {
		throw new UnsupportedOperationException("TODO");
	}

	/**
	 * Closes every connection with 1001 after flushing what is queued, waiting at most
	 * {@code grace}; stops keep-alive, periodic tasks and the broker.
	 * @param grace the longest wait for queues to drain
	 * @return completes when every connection is closed or the grace period ends
	 */
	public Mono<Void> shutdown(Duration grace) {
		throw new UnsupportedOperationException("TODO");
	}

	/** Configures a {@link WampServer}. */
	public interface Builder {

		/** @param settings the settings and limits */
		Builder settings(WampServerSettings settings);

		/** @param codec the codec (its mapper writes payloads) */
		Builder codec(WampCodec codec);

		/** @param broker the broker; the in-memory one by default */
		Builder broker(Broker broker);

		/** @param authorizer decides per action and URI; everything is allowed by default */
		Builder authorizer(WampAuthorizer authorizer);

		/** @param listener observes the engine; may be called several times */
		Builder listener(WampServerListener listener);

		/** @param middleware a layer; layers are sorted by {@link Middleware#order()} */
		Builder middleware(Middleware middleware);

		/** @param middlewares layers */
		Builder middlewares(List<? extends Middleware> middlewares);

		/**
		 * @param pattern a URI pattern
		 * @param handler answers CALLs to it
		 * @throws IllegalArgumentException for an invalid or duplicate pattern
		 */
		Builder rpc(String pattern, RpcHandler handler);

		/**
		 * @param pattern a URI pattern
		 * @param handler handles its topics
		 * @throws IllegalArgumentException for an invalid or duplicate pattern
		 */
		Builder topic(String pattern, TopicHandler handler);

		/** Builds and starts the server (keep-alive timer, broker). */
		WampServer build();
	}
}
