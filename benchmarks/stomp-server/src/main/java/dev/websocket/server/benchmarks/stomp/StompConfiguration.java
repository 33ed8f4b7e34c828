package dev.websocket.server.benchmarks.stomp;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * STOMP configuration tuned the way a user would for throughput: fixed-size channel
 * executors sized to the machine, the simple broker, and explicit send-buffer and
 * message-size limits. Every figure is a property ({@code bench.stomp.*}) so the runner
 * can state and change it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class StompConfiguration implements WebSocketMessageBrokerConfigurer {

	private final int inboundThreads;

	private final int outboundThreads;

	private final int sendBufferBytes;

	private final int sendTimeMillis;

	private final int messageSizeBytes;

	StompConfiguration(@Value("${bench.stomp.inbound-threads:0}") int inboundThreads,
			@Value("${bench.stomp.outbound-threads:0}") int outboundThreads,
			@Value("${bench.stomp.send-buffer-bytes:1048576}") int sendBufferBytes,
			@Value("${bench.stomp.send-time-millis:10000}") int sendTimeMillis,
			@Value("${bench.stomp.message-size-bytes:65536}") int messageSizeBytes) {
		int cores = Runtime.getRuntime().availableProcessors();
		this.inboundThreads = (inboundThreads > 0) ? inboundThreads : 2 * cores;
		this.outboundThreads = (outboundThreads > 0) ? outboundThreads : 2 * cores;
		this.sendBufferBytes = sendBufferBytes;
		this.sendTimeMillis = sendTimeMillis;
		this.messageSizeBytes = messageSizeBytes;
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint("/stomp").setAllowedOriginPatterns("*");
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.enableSimpleBroker("/topic", "/queue");
		registry.setApplicationDestinationPrefixes("/app");
		registry.setUserDestinationPrefix("/user");
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.taskExecutor().corePoolSize(this.inboundThreads).maxPoolSize(this.inboundThreads);
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.taskExecutor().corePoolSize(this.outboundThreads).maxPoolSize(this.outboundThreads);
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.setSendBufferSizeLimit(this.sendBufferBytes)
			.setSendTimeLimit(this.sendTimeMillis)
			.setMessageSizeLimit(this.messageSizeBytes);
	}

}
