package dev.websocket.server.spring.handshake;

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
 * The README's cookie-session setup: the page logs in over HTTP (a form login), the
 * security context lives in the WebSession, and the browser's {@code SESSION} cookie on
 * the upgrade request makes the user the connection's principal.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(WhoAmI.class)
class SessionCookieApplication {

	@Bean
	SecurityWebFilterChain formLoginChain(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.formLogin(Customizer.withDefaults())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.build();
	}

	@Bean
	MapReactiveUserDetailsService users() {
		return new MapReactiveUserDetailsService(
				User.withUsername("alice").password("{noop}wonderland").roles("USER").build());
	}

}
