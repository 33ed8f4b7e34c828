package dev.websocket.server.spring.security;

import java.security.Principal;

import dev.websocket.server.spring.annotation.WampRpc;
import dev.websocket.server.spring.annotation.WampTopic;

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
 * An application secured like a real one: HTTP Basic on the WebFlux chain, the upgrade
 * permitted for anonymous and authenticated users, and WAMP rules per action and URI.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ SecuredWampApplication.Procedures.class, SecuredWampApplication.StaffTopic.class,
		SecuredWampApplication.OpenTopic.class })
class SecuredWampApplication {

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.httpBasic(Customizer.withDefaults())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.build();
	}

	@Bean
	MapReactiveUserDetailsService users() {
		return new MapReactiveUserDetailsService(
				User.withUsername("ada").password("{noop}secret").roles("ADMIN").build(),
				User.withUsername("bob").password("{noop}secret").roles("USER").build());
	}

	@Bean
	WampSecurityRules wampSecurityRules() {
		return WampSecurityRules.builder()
			.call("admin/**")
			.hasRole("ADMIN")
			.subscribe("staff/**")
			.authenticated()
			.publish("staff/**")
			.hasRole("ADMIN")
			.build();
	}

	static class Procedures {

		@WampRpc("admin/whoami")
		String whoami(Principal principal) {
			return principal.getName();
		}

		@WampRpc("public/ping")
		String ping() {
			return "pong";
		}

	}

	@WampTopic("staff/{name}")
	static class StaffTopic {

	}

	@WampTopic("open/{name}")
	static class OpenTopic {

	}

}
