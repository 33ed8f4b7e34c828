package dev.websocket.server.test.autoconfigure;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.websocket.server.test.WampTester;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.Environment;

/**
 * A prototype {@link WampTester} bean, connected to the running server on
 * {@code local.server.port}; imported by {@link AutoConfigureWampTester}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
public final class WampTesterAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WampTesters wampTesters() {
		return new WampTesters();
	}

	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	WampTester wampTester(Environment environment, ObjectProvider<JsonMapper> mapper, WampTesters testers) {
		String port = environment.getProperty("local.server.port");
		if (port == null) {
			throw new IllegalStateException("A WampTester needs a running server: use "
					+ "@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT) or DEFINED_PORT");
		}
		String path = environment.getProperty("websocket.server.path", "/ws");
		WampTester.Builder builder = WampTester.builder(URI.create("ws://localhost:" + port + path));
		mapper.ifAvailable(builder::mapper);
		return testers.add(builder.build());
	}

	/** Closes every tester the context handed out when it closes. */
	static final class WampTesters implements DisposableBean {

		private final List<WampTester> testers = new CopyOnWriteArrayList<>();

		WampTester add(WampTester tester) {
			this.testers.add(tester);
			return tester;
		}

		@Override
		public void destroy() {
			this.testers.forEach(WampTester::close);
		}

	}

}
