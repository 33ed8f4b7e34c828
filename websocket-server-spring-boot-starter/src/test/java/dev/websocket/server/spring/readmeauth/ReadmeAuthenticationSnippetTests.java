package dev.websocket.server.spring.readmeauth;

import dev.websocket.server.wamp.auth.WampCraSecrets;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's WAMP-CRA and bearer-token snippets, as shown there, build what the README
 * says.
 */
class ReadmeAuthenticationSnippetTests {

	@Test
	void wampCraSnippetKnowsJoeAndPeterAndAllowsAnonymous() {
		new ApplicationContextRunner().withUserConfiguration(WampCraConfiguration.class).run((context) -> {
			WampCraSecrets secrets = context.getBean(WampCraSecrets.class);
			assertThat(secrets.secret("joe")).isNotNull();
			assertThat(secrets.secret("peter")).isNotNull();
			assertThat(secrets.secret("mallory")).isNull();
			assertThat(secrets.allowsAnonymous()).isTrue();
		});
	}

	@Test
	void bearerTokenSnippetBuildsASecurityChain() {
		ReactiveJwtDecoder refuseAll = (token) -> Mono.error(new BadJwtException("test decoder"));
		new ReactiveWebApplicationContextRunner().withUserConfiguration(BearerTokenSecurityConfiguration.class)
			.withBean(ReactiveJwtDecoder.class, () -> refuseAll)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SecurityWebFilterChain.class));
	}

}
