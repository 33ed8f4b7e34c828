package dev.websocket.server.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.websocket.server.broker.Broker;
import dev.websocket.server.broker.InMemoryBroker;
import dev.websocket.server.engine.Connections;
import dev.websocket.server.engine.WampAuthorizer;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.engine.WampServerListener;
import dev.websocket.server.engine.PublishLimits;
import dev.websocket.server.engine.WampServerSettings;
import dev.websocket.server.middleware.AllowedOriginsMiddleware;
import dev.websocket.server.middleware.BlockedAddressMiddleware;
import dev.websocket.server.middleware.Middleware;
import dev.websocket.server.middleware.SubprotocolMiddleware;
import dev.websocket.server.spring.diagnostics.WampConfigurationException;
import dev.websocket.server.spring.event.WampEventPublishingListener;
import dev.websocket.server.spring.push.WampTemplate;
import dev.websocket.server.spring.webflux.WampHandshakeWebHandler;
import dev.websocket.server.spring.webflux.WampNettyServerCustomizer;
import dev.websocket.server.spring.webflux.HandshakeObservationPredicate;
import dev.websocket.server.wamp.WampErrors;
import dev.websocket.server.wamp.codec.WampCodec;
import dev.websocket.server.wamp2.codec.Wamp2Codec;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

/**
 * Serves a WAMP v1 endpoint on a Spring WebFlux application: a {@link WampServer} built
 * from the {@code websocket.server.*} properties, the context's Jackson mapper, the
 * {@link Broker}, an optional {@link WampAuthorizer}, every {@link WampServerListener}
 * and {@link Middleware} bean and then every {@link WampServerCustomizer} bean; a handler
 * mapping for {@code websocket.server.path} ahead of the application's own handlers; a
 * {@link WampTemplate}; and a shutdown that closes every connection with 1001. Every bean
 * backs off when the application defines its own.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = "websocket.server.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WampServerProperties.class)
public final class WampServerAutoConfiguration {

	/**
	 * Order of the endpoint's handler mapping: ahead of router functions and controllers.
	 */
	public static final int HANDLER_MAPPING_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	Broker wampBroker() {
		// stopped by the server's shutdown, not by the context
		return new InMemoryBroker();
	}

	@Bean
	@ConditionalOnMissingBean
	WampEventPublishingListener wampEventPublishingListener(ApplicationEventPublisher publisher) {
		return new WampEventPublishingListener(publisher);
	}

	@Bean
	@ConditionalOnMissingBean
	WampServer wampServer(WampServerProperties properties, ObjectProvider<JsonMapper> jsonMapper, Broker broker,
			ObjectProvider<WampAuthorizer> authorizer, ObjectProvider<WampServerListener> listeners,
			ObjectProvider<Middleware> middlewares, ObjectProvider<WampServerCustomizer> customizers) {
		JsonMapper mapper = jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
		WampServerSettings settings = settings(properties);
		WampServer.Builder builder = WampServer.builder()
			.settings(settings)
			.protocols(properties.getProtocols().toSettings())
			.cborCodec(Wamp2Codec.cbor(settings.maxUriLength()))
			.codec(new WampCodec(mapper, settings.maxUriLength(), properties.getLimits().getMaxNumberDigits()))
			.broker(broker)
			.authorizer(authorizer.getIfAvailable(() -> WampAuthorizer.PERMIT_ALL));
		listeners.orderedStream().forEach(builder::listener);
		builder.middlewares(handshakeLayers(properties));
		builder.middlewares(middlewares.orderedStream().toList());
		customizers.orderedStream().forEach((customizer) -> customize(builder, customizer));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	Connections wampConnections(WampServer server) {
		return server.connections();
	}

	@Bean
	@ConditionalOnMissingBean
	WampTemplate wampTemplate(WampServer server) {
		return new WampTemplate(server);
	}

	@Bean
	@ConditionalOnMissingBean
	WampHandshakeWebHandler wampHandshakeWebHandler(WampServer server, WampServerProperties properties,
			ObjectProvider<WampServerListener> listeners) {
		return WampHandshakeWebHandler.builder(server)
			.maxFramePayloadLength((int) properties.getMaxFrameSize().toBytes())
			.maxMessageSize((int) properties.getMaxMessageSize().toBytes())
			.handshakeTimeout(properties.getHandshakeTimeout())
			.idleTimeout(properties.getIdleTimeout())
			.closeTimeout(properties.getCloseTimeout())
			.listeners(listeners.orderedStream().toList())
			.webSession(properties.isWebSession())
			.maxConnectionsPerAddress(properties.getLimits().getMaxConnectionsPerAddress())
			.maxHandshakesPerSecondPerAddress(properties.getLimits().getMaxHandshakesPerSecondPerAddress())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	WampNettyServerCustomizer wampNettyServerCustomizer(WampServerProperties properties) {
		return new WampNettyServerCustomizer(properties.getRequestHeadTimeout());
	}

	@Bean
	@ConditionalOnMissingBean(name = "wampHandlerMapping")
	SimpleUrlHandlerMapping wampHandlerMapping(WampServerProperties properties, WampHandshakeWebHandler handler) {
		return new SimpleUrlHandlerMapping(Map.of(properties.getPath(), handler), HANDLER_MAPPING_ORDER);
	}

	@Bean
	@ConditionalOnMissingBean(name = "wampHandshakeObservationPredicate")
	@ConditionalOnProperty(name = "websocket.server.observe-handshakes", havingValue = "false", matchIfMissing = true)
	HandshakeObservationPredicate wampHandshakeObservationPredicate(WampServerProperties properties) {
		return new HandshakeObservationPredicate(properties.getPath());
	}

	@Bean
	@ConditionalOnMissingBean
	WampServerLifecycle wampServerLifecycle(WampServer server, WampServerProperties properties) {
		return new WampServerLifecycle(server, properties.getPath(), properties.getShutdownGrace());
	}

	/**
	 * The engine settings the properties describe: each property is mapped onto the
	 * settings builder, whose setters check it; a refused value is reported under the
	 * property's name. A property added to the engine needs one line here.
	 */
	static WampServerSettings settings(WampServerProperties properties) {
		WampServerSettings.Builder settings = WampServerSettings.builder();
		PropertyMapper map = PropertyMapper.get();
		WampServerProperties.Limits limits = properties.getLimits();
		WampServerProperties.Outbound outbound = properties.getOutbound();
		WampServerProperties.KeepAlive keepAlive = properties.getKeepAlive();
		map.from(properties::getServerIdent).to(checked("server-ident", settings::serverIdent));
		map.from(properties::getErrorUriBase).as(WampErrors::new).to(checked("error-uri-base", settings::errors));
		map.from(properties::isExcludePublisher).to(checked("exclude-publisher", settings::excludePublisherByDefault));
		map.from(properties::getMaxUriLength).to(checked("max-uri-length", settings::maxUriLength));
		map.from(properties::getMaxMessageSize)
			.asInt(DataSize::toBytes)
			.to(checked("max-message-size", settings::maxMessageSize));
		map.from(properties::getCallTimeout).to(checked("call-timeout", settings::callTimeout));
		map.from(limits::getMaxPrefixes).to(checked("limits.max-prefixes", settings::maxPrefixes));
		map.from(limits::getMaxSubscriptions).to(checked("limits.max-subscriptions", settings::maxSubscriptions));
		map.from(limits::getMaxInFlightCalls).to(checked("limits.max-in-flight-calls", settings::maxInFlightCalls));
		map.from(outbound::getMaxMessages).to(checked("outbound.max-messages", settings::outboundMaxMessages));
		map.from(outbound::getMaxBytes)
			.as(DataSize::toBytes)
			.to(checked("outbound.max-bytes", settings::outboundMaxBytes));
		map.from(outbound::getOverflowPolicy).to(checked("outbound.overflow-policy", settings::overflowPolicy));
		map.from(outbound::getPauseReadingAt)
			.to(checked("outbound.pause-reading-at", settings::outboundPauseReadingAt));
		map.from(keepAlive::getPingInterval).to(checked("keep-alive.ping-interval", settings::pingInterval));
		map.from(keepAlive::getMaxUnansweredPings)
			.to(checked("keep-alive.max-unanswered-pings", settings::maxUnansweredPings));
		map.from(limits).to(checked("limits.publish-*", (publish) -> settings.publishLimits(publishLimits(publish))));
		return settings.build();
	}

	private static PublishLimits publishLimits(WampServerProperties.Limits limits) {
		return new PublishLimits(limits.getPublishRate(), limits.getPublishBurst(),
				limits.getPublishBytesRate().toBytes(), limits.getPublishBytesBurst().toBytes(),
				limits.getPublishPolicy());
	}

	private static <T> Consumer<T> checked(String property, Consumer<T> setter) {
		return (value) -> {
			try {
				setter.accept(value);
			}
			catch (IllegalArgumentException ex) {
				throw new WampServerProperties.InvalidPropertyException(property, ex);
			}
		};
	}

	/** The built-in handshake layers, configured from the properties. */
	private static List<Middleware> handshakeLayers(WampServerProperties properties) {
		List<Middleware> layers = new ArrayList<>();
		layers.add(property("websocket.server.blocked-addresses / allowed-addresses",
				"addresses (192.0.2.7, 2001:db8::1) or CIDR blocks (10.0.0.0/8, 2001:db8::/32)",
				() -> new BlockedAddressMiddleware(properties.getBlockedAddresses(),
						properties.getAllowedAddresses())));
		layers.add(property("websocket.server.allowed-origins",
				"'*', scheme://host[:port] or scheme://*.domain[:port] entries",
				() -> new AllowedOriginsMiddleware(properties.getAllowedOrigins())));
		layers.add(new SubprotocolMiddleware(properties.isStrictSubprotocol(), served(properties)));
		return layers;
	}

	private static List<String> served(WampServerProperties properties) {
		List<String> served = new ArrayList<>();
		if (properties.getProtocols().getV1().isEnabled()) {
			served.add(SubprotocolMiddleware.WAMP);
		}
		if (properties.getProtocols().getV2Json().isEnabled()) {
			served.add(Wamp2Codec.JSON_SUBPROTOCOL);
		}
		if (properties.getProtocols().getV2Cbor().isEnabled()) {
			served.add(Wamp2Codec.CBOR_SUBPROTOCOL);
		}
		return served;
	}

	/** A layer built from property values; an invalid value fails the start naming it. */
	private static Middleware property(String names, String expected, Supplier<Middleware> layer) {
		try {
			return layer.get();
		}
		catch (IllegalArgumentException ex) {
			throw new WampConfigurationException("Invalid value of " + names + ": " + ex.getMessage() + ".",
					"Fix the value; expected are " + expected + ".", ex);
		}
	}

	private static void customize(WampServer.Builder builder, WampServerCustomizer customizer) {
		try {
			customizer.customize(builder);
		}
		catch (IllegalArgumentException ex) {
			throw new WampConfigurationException("Invalid WAMP server configuration from "
					+ customizer.getClass().getName() + ": " + ex.getMessage() + ".",
					"Fix the registration in " + customizer.getClass().getSimpleName() + ".", ex);
		}
	}

}
