package dev.websocket.server.spring.webflux;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import dev.websocket.server.spring.event.WampConnectionEvent;
import dev.websocket.server.spring.event.WampHandshakeRejectedEvent;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

/** Collects the WAMP application events the context publishes. */
class EventRecorder implements ApplicationListener<ApplicationEvent> {

	private final List<ApplicationEvent> events = new CopyOnWriteArrayList<>();

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof WampConnectionEvent || event instanceof WampHandshakeRejectedEvent) {
			this.events.add(event);
		}
	}

	<E extends ApplicationEvent> List<E> all(Class<E> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

	/** Waits for an event of the type that matches, at most ten seconds. */
	<E extends ApplicationEvent> E await(Class<E> type, Predicate<E> condition) {
		return org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> all(type).stream().filter(condition).findFirst(), java.util.Optional::isPresent)
			.get();
	}

	/** Waits for an event about the session. */
	<E extends WampConnectionEvent> E awaitFor(Class<E> type, String sessionId) {
		return await(type, (event) -> event.getSessionId().equals(sessionId));
	}

}
