package dev.websocket.server.testing;

import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.connection.Frame;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.engine.TransportSession;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.message.WampMessage;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/**
 * A transport without network for tests: it opens sessions on a {@link WampServer},
 * consumes each session's outbound frames into a queue, answers keep-alive pings, and,
 * like a real transport, reports the socket closed with the session's close status once
 * the outbound stream completes.
 *
 * <p>
 * Every wait takes a deadline; nothing sleeps.
 */
public final class InMemoryTransport {

	/** The wait used by the helpers that take no explicit deadline. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private final WampServer server;

	/**
	 * @param server the server to open sessions on
	 */
	public InMemoryTransport(WampServer server) {
		this.server = server;
	}

	/**
	 * A plain upgrade request from {@code 127.0.0.1} offering {@code wamp}, without user.
	 */
	public static HttpRequest request() {
		return request(null);
	}

	/**
	 * An upgrade request from {@code 127.0.0.1} offering {@code wamp}.
	 * @param principal the handshake's user, or {@code null}
	 * @return the request
	 */
	public static HttpRequest request(@Nullable Principal principal) {
		return new HttpRequest(URI.create("ws://localhost/ws"), Map.of("origin", List.of("http://localhost")), Map.of(),
				"127.0.0.1", List.of("wamp"), principal);
	}

	/** Opens a session with {@link #request()}, reading frames as they come. */
	public Client connect() {
		return connect(request());
	}

	/**
	 * Opens a session, reading frames as they come.
	 * @param request the upgrade request
	 * @return the client side
	 */
	public Client connect(HttpRequest request) {
		return connect(request, true);
	}

	/**
	 * Opens a session.
	 * @param request the upgrade request
	 * @param reading whether to request frames at once; otherwise the client reads
	 * nothing until {@link Client#read(long)} (a slow consumer)
	 * @return the client side
	 * @throws dev.websocket.server.middleware.HandshakeRejectedException when the server
	 * refuses
	 */
	public Client connect(HttpRequest request, boolean reading) {
		TransportSession session = server.open(request);
		Client client = new Client(session, reading);
		session.outbound().subscribe(client.subscriber);
		return client;
	}

	/** The client side of one in-memory session. */
	public final class Client {

		private final TransportSession session;

		private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

		private final AtomicReference<@Nullable CloseStatus> closeStatus = new AtomicReference<>();

		private final CountDownLatch closedLatch = new CountDownLatch(1);

		private final AtomicInteger pings = new AtomicInteger();

		private volatile boolean answerPings = true;

		private final FrameSubscriber subscriber;

		Client(TransportSession session, boolean reading) {
			this.session = session;
			this.subscriber = new FrameSubscriber(reading);
		}

		/** The server's handle on this session. */
		public TransportSession session() {
			return session;
		}

		/** The server-side connection. */
		public WampConnection connection() {
			return session.connection();
		}

		/** The WAMP session id. */
		public String sessionId() {
			return session.connection().sessionId();
		}

		/** Sends a text message to the server. @param text the payload */
		public void send(String text) {
			session.receiveText(text);
		}

		/**
		 * Encodes a message with the server's codec and sends it. @param message the
		 * message
		 */
		public void send(WampMessage message) {
			send(server.codec().encode(message));
		}

		/** Sends a binary message to the server. */
		public void sendBinary() {
			session.receiveBinary();
		}

		/**
		 * @param answer whether to answer keep-alive pings with a pong (true by default)
		 */
		public void answerPings(boolean answer) {
			this.answerPings = answer;
		}

		/** The number of pings received. */
		public int pings() {
			return pings.get();
		}

		/**
		 * Requests more frames (for a client opened without reading).
		 * @param n how many
		 */
		public void read(long n) {
			subscriber.request(n);
		}

		/**
		 * The next data frame, waiting at most {@code timeout}.
		 * @param timeout the deadline
		 * @return the frame
		 * @throws AssertionError when none arrives in time
		 */
		public Frame nextFrame(Duration timeout) {
			try {
				Frame frame = frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
				if (frame == null) {
					throw new AssertionError("No frame within " + timeout + " on session " + sessionId());
				}
				return frame;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted", ex);
			}
		}

		/** The next text frame's payload, waiting at most {@link #DEFAULT_TIMEOUT}. */
		public String nextText() {
			return nextText(DEFAULT_TIMEOUT);
		}

		/** The next text frame's payload. @param timeout the deadline @return the text */
		public String nextText(Duration timeout) {
			Frame frame = nextFrame(timeout);
			if (frame instanceof Frame.Text text) {
				return text.text();
			}
			throw new AssertionError("Expected a text frame but got " + frame);
		}

		/** The next message, decoded, waiting at most {@link #DEFAULT_TIMEOUT}. */
		public WampMessage next() {
			return next(DEFAULT_TIMEOUT);
		}

		/** The next message, decoded. @param timeout the deadline @return the message */
		public WampMessage next(Duration timeout) {
			return server.codec().decodeFromServer(nextText(timeout));
		}

		/**
		 * The next message, which must have the given type.
		 * @param type the expected type
		 * @param <T> the type
		 * @return the message
		 */
		public <T extends WampMessage> T next(Class<T> type) {
			WampMessage message = next();
			if (!type.isInstance(message)) {
				throw new AssertionError("Expected " + type.getSimpleName() + " but got " + message);
			}
			return type.cast(message);
		}

		/** The WELCOME, which must be the next message. */
		public WampMessage.Welcome welcome() {
			return next(WampMessage.Welcome.class);
		}

		/** The frames received and not yet taken, without waiting. */
		public List<Frame> pending() {
			List<Frame> result = new ArrayList<>();
			frames.drainTo(result);
			return result;
		}

		/** Whether a frame is waiting to be taken. */
		public boolean hasPending() {
			return !frames.isEmpty();
		}

		/**
		 * Waits until the server ended the session, and returns the close status.
		 * @param timeout the deadline
		 * @return the status the transport closed the socket with
		 */
		public CloseStatus awaitClose(Duration timeout) {
			try {
				if (!closedLatch.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
					throw new AssertionError("Session " + sessionId() + " not closed within " + timeout);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted", ex);
			}
			CloseStatus status = closeStatus.get();
			if (status == null) {
				throw new AssertionError("closed without status");
			}
			return status;
		}

		/** Waits at most {@link #DEFAULT_TIMEOUT} for the close status. */
		public CloseStatus awaitClose() {
			return awaitClose(DEFAULT_TIMEOUT);
		}

		/** Whether the outbound stream ended (the server closed the session). */
		public boolean isClosed() {
			return closeStatus.get() != null;
		}

		/** The client closes the socket normally; the server runs its close handling. */
		public void close() {
			disconnect(CloseStatus.NORMAL);
		}

		/**
		 * The socket closes from the client's side (or drops).
		 * @param status the status the transport reports
		 */
		public void disconnect(CloseStatus status) {
			subscriber.cancel();
			if (closeStatus.compareAndSet(null, status)) {
				closedLatch.countDown();
			}
			session.closed(status);
		}

		/** The socket drops without a close frame (1006). */
		public void drop() {
			disconnect(new CloseStatus(CloseCodes.ABNORMAL, ""));
		}

		private final class FrameSubscriber extends BaseSubscriber<Frame> {

			private final boolean reading;

			FrameSubscriber(boolean reading) {
				this.reading = reading;
			}

			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				if (reading) {
					subscription.request(Long.MAX_VALUE);
				}
			}

			@Override
			protected void hookOnNext(Frame frame) {
				if (frame instanceof Frame.Ping) {
					pings.incrementAndGet();
					if (answerPings) {
						session.receivePong();
					}
					return;
				}
				frames.add(frame);
			}

			@Override
			protected void hookOnComplete() {
				// Like a transport: close the socket with the session's status, then
				// report it closed.
				CloseStatus status = session.closeStatus();
				if (closeStatus.compareAndSet(null, status)) {
					closedLatch.countDown();
				}
				session.closed(status);
			}

			@Override
			protected void hookOnError(Throwable error) {
				CloseStatus status = new CloseStatus(CloseCodes.INTERNAL_ERROR, "");
				if (closeStatus.compareAndSet(null, status)) {
					closedLatch.countDown();
				}
				session.error(error);
				session.closed(status);
			}

		}

	}

}
