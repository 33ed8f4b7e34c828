package dev.websocket.server.spring.actuate;

import dev.websocket.server.broker.Broker;
import dev.websocket.server.engine.WampServer;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The WAMP server's health: UP while its broker can reach the other nodes (always, for
 * the in-memory broker), DOWN otherwise; details give the open connections, the topics
 * with local subscribers and the broker type.
 */
public final class WampServerHealthIndicator extends AbstractHealthIndicator {

	private final WampServer server;

	/**
	 * @param server the server to report on
	 */
	public WampServerHealthIndicator(WampServer server) {
		super("WAMP server health check failed");
		this.server = server;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Broker broker = this.server.broker();
		if (broker.isAvailable()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("connections", this.server.connections().count())
			.withDetail("topics", this.server.topicCount())
			.withDetail("broker", broker.getClass().getSimpleName());
	}

}
