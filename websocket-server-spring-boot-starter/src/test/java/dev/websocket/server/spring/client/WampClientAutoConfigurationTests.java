package dev.websocket.server.spring.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.web.server.reactive.context.AnnotationConfigReactiveWebServerApplicationContext;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JavaScript client over real HTTP from an application with only the starter: the ES
 * module and the classic script at {@code /wamp-client/}, the WebJar's versioned path,
 * and nothing at {@code /wamp-client/} with
 * {@code websocket.server.client.enabled=false}.
 */
class WampClientAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner(
			AnnotationConfigReactiveWebServerApplicationContext::new)
		.withUserConfiguration(Application.class)
		.withPropertyValues("server.port=0",
				"spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration");

	@Test
	void servesTheModuleAndTheClassicScriptAtTheFixedPath() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(WampClientAutoConfiguration.class);
			HttpResponse<String> module = get(context, "/wamp-client/wamp.js");
			assertThat(module.statusCode()).isEqualTo(200);
			assertThat(module.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).matches("(text|application)/javascript.*"));
			assertThat(module.headers().firstValue("Cache-Control")).hasValue("no-cache");
			assertThat(module.body()).contains("export function connect(").contains("export const ab = {");
			HttpResponse<String> classic = get(context, "/wamp-client/ab.js");
			assertThat(classic.statusCode()).isEqualTo(200);
			assertThat(classic.body()).contains("global.ab = ab;").doesNotContainPattern("(?m)^\\s*export ");
			assertThat(get(context, "/wamp-client/wamp.d.ts").body()).contains("export const ab: Ab;");
		});
	}

	@Test
	void theWebJarsVersionedPathServesTheSameModule() {
		this.runner.run((context) -> {
			HttpResponse<String> versioned = get(context, "/webjars/websocket-server-wamp/0.1.0/wamp.js");
			assertThat(versioned.statusCode()).isEqualTo(200);
			assertThat(versioned.body()).isEqualTo(get(context, "/wamp-client/wamp.js").body());
		});
	}

	@Test
	void unknownFilesAndPathsOutsideTheWebJarAreNotFound() {
		this.runner.run((context) -> {
			assertThat(get(context, "/wamp-client/nothing.js").statusCode()).isEqualTo(404);
			assertThat(get(context, "/wamp-client/..%2F..%2F..%2Fapplication.properties").statusCode()).isIn(400, 404);
		});
	}

	@Test
	void theEnabledPropertyTurnsItOff() {
		this.runner.withPropertyValues("websocket.server.client.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(WampClientAutoConfiguration.class);
			assertThat(get(context, "/wamp-client/wamp.js").statusCode()).isEqualTo(404);
		});
	}

	private static HttpResponse<String> get(AssertableReactiveWebApplicationContext context, String path)
			throws IOException, InterruptedException {
		int port = ((ReactiveWebServerApplicationContext) context.getSourceApplicationContext()).getWebServer()
			.getPort();
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
