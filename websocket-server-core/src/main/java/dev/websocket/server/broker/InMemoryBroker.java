package dev.websocket.server.broker;

import dev.websocket.server.wamp.topic.Publication;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The single-node default: a publication goes straight to the local subscribers. */
public final class InMemoryBroker implements Broker {

	private volatile @Nullable LocalDelivery delivery;

	@Override
	public void start(LocalDelivery localDelivery) {
		this.delivery = localDelivery;
	}

	@Override
	public Mono<Void> publish(Publication publication) {
		return Mono.fromRunnable(() -> {
			LocalDelivery target = this.delivery;
			if (target == null) {
				throw new IllegalStateException("Broker not started");
			}
			target.deliver(publication);
		});
	}

}
