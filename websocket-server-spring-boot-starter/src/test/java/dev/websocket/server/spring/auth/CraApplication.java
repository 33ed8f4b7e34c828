package dev.websocket.server.spring.auth;

import java.security.Principal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.websocket.server.spring.annotation.WampRpc;
import dev.websocket.server.spring.annotation.WampTopic;
import dev.websocket.server.spring.event.WampConnectionEvent;
import dev.websocket.server.spring.security.WampSecurityRules;
import dev.websocket.server.wamp.auth.WampCraSecrets;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * An application with WAMP-CRA users and a rule that needs an authenticated user: the
 * handshake itself is open to everyone.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ CraApplication.Procedures.class, CraApplication.Chat.class })
class CraApplication {

	@Bean
	SecurityWebFilterChain permitAll(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.build();
	}

	@Bean
	WampCraSecrets wampCraSecrets() {
		return WampCraSecrets.builder()
			.plain("joe", "secret")
			.salted("peter", "secret", "salt123", 1000, 32)
			.allowAnonymous(true)
			.build();
	}

	@Bean
	WampSecurityRules wampSecurityRules() {
		return WampSecurityRules.builder().call("staff/**").authenticated().build();
	}

	@Bean
	Events events() {
		return new Events();
	}

	static class Procedures {

		@WampRpc("test/whoami")
		@Nullable String whoami(@Nullable Principal principal) {
			return (principal != null) ? principal.getName() : null;
		}

		@WampRpc("staff/whoami")
		String staffWhoami(Principal principal) {
			return principal.getName();
		}

	}

	@WampTopic("chat")
	static class Chat {

	}

	/** The WAMP connection events the context published. */
	static class Events implements ApplicationListener<WampConnectionEvent> {

		final List<WampConnectionEvent> received = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(WampConnectionEvent event) {
			this.received.add(event);
		}

		<E extends WampConnectionEvent> List<E> of(Class<E> type) {
			return this.received.stream().filter(type::isInstance).map(type::cast).toList();
		}

	}

}
