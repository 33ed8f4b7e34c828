package dev.websocket.server.spring.webflux;

import java.security.Principal;

import dev.websocket.server.spring.annotation.WampRpc;
import dev.websocket.server.spring.annotation.WampTopic;
import dev.websocket.server.spring.security.WampSecurityRules;
import dev.websocket.server.wamp.auth.WampCraSecrets;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * An application with WAMP v2 logins: the v1 WAMP-CRA secrets bean ({@code joe} plain,
 * {@code peter} salted) serves v2 {@code wampcra} too, tickets come from the properties
 * of the tests, {@code admin/**} needs the role {@code admin}, and HTTP Basic credentials
 * give the handshake a principal.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ Wamp2AuthApplication.Procedures.class, Wamp2AuthApplication.Room.class })
class Wamp2AuthApplication {

	@Bean
	SecurityWebFilterChain permitAllWithBasic(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.httpBasic(Customizer.withDefaults())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.build();
	}

	@Bean
	MapReactiveUserDetailsService users() {
		return new MapReactiveUserDetailsService(
				User.withUsername("alice").password("{noop}secret").roles("USER").build());
	}

	@Bean
	WampCraSecrets wampCraSecrets() {
		return WampCraSecrets.builder().plain("joe", "secret").salted("peter", "secret", "salt123", 1000, 32).build();
	}

	@Bean
	WampSecurityRules wampSecurityRules() {
		return WampSecurityRules.builder().call("admin/**").hasRole("admin").build();
	}

	static class Procedures {

		@WampRpc("auth/whoami")
		@Nullable String whoami(@Nullable Principal principal) {
			return (principal != null) ? principal.getName() : null;
		}

		@WampRpc("admin/ping")
		String ping() {
			return "pong";
		}

	}

	@WampTopic("auth/room")
	static class Room {

	}

}
