package dev.websocket.server.spring.autoconfigure;

import dev.websocket.server.engine.WampServer;

/**
 * Customizes the {@link WampServer} the auto-configuration builds: register handlers, add
 * middleware layers or listeners. Every customizer bean is applied in order before the
 * server is built.
 */
@FunctionalInterface
public interface WampServerCustomizer {

	/**
	 * @param builder the builder, with the properties already applied
	 */
	void customize(WampServer.Builder builder);

}
