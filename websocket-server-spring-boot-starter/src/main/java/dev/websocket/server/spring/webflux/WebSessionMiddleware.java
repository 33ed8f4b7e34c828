package dev.websocket.server.spring.webflux;

import dev.websocket.server.connection.Attributes;
import dev.websocket.server.middleware.Middleware;
import dev.websocket.server.wamp.WampConnection;
import org.jspecify.annotations.Nullable;

import org.springframework.web.server.WebSession;

/**
 * The session-initializing layer: puts the handshake's Spring {@link WebSession} under
 * the {@link Attributes#SESSION} attribute, so later layers and handlers find it. The
 * session is resolved by {@link WampHandshakeWebHandler} before the engine opens the
 * connection.
 */
public final class WebSessionMiddleware implements Middleware {

	/**
	 * The session of the handshake being opened on this thread; set only around
	 * {@code open}.
	 */
	private static final ThreadLocal<@Nullable WebSession> CURRENT = new ThreadLocal<>();

	@Override
	public int order() {
		return SESSION_ORDER;
	}

	@Override
	public void onOpen(WampConnection connection, Chain chain) {
		WebSession session = CURRENT.get();
		if (session != null) {
			connection.attributes().set(Attributes.SESSION, session);
		}
		chain.onOpen(connection);
	}

	/**
	 * Makes a session visible to {@link #onOpen} while {@code action} runs on this
	 * thread.
	 * @param session the handshake's session
	 * @param action opens the connection
	 * @param <T> the result type
	 * @return what {@code action} returned
	 */
	static <T> T withSession(@Nullable WebSession session, java.util.function.Supplier<T> action) {
		CURRENT.set(session);
		try {
			return action.get();
		}
		finally {
			CURRENT.remove();
		}
	}

}
