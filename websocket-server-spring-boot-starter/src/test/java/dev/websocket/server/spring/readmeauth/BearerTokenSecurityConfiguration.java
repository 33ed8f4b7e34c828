package dev.websocket.server.spring.readmeauth; // your own package

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;

@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class BearerTokenSecurityConfiguration {

	@Bean
	SecurityWebFilterChain security(ServerHttpSecurity http) {
		ServerBearerTokenAuthenticationConverter bearerTokens = new ServerBearerTokenAuthenticationConverter();
		bearerTokens.setAllowUriQueryParameter(true);
		return http.authorizeExchange((exchanges) -> exchanges.pathMatchers("/ws").authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.bearerTokenConverter(bearerTokens)
				.jwt(Customizer.withDefaults())) // spring.security.oauth2.resourceserver.jwt.*
			.build();
	}

}
