package dev.websocket.server.spring.diagnostics;

import java.util.List;

import dev.websocket.server.spring.annotation.WampAnnotationsAutoConfiguration;
import dev.websocket.server.spring.annotation.WampRpc;
import dev.websocket.server.spring.annotation.UriVariable;
import dev.websocket.server.spring.autoconfigure.WampServerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Start-up mistakes reported as a Description and an Action. */
@ExtendWith(OutputCaptureExtension.class)
class WampConfigurationFailureAnalyzerTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WampAnnotationsAutoConfiguration.class,
				WampServerAutoConfiguration.class));

	private final WampConfigurationFailureAnalyzer analyzer = new WampConfigurationFailureAnalyzer();

	@Test
	void servletApplicationFailsNamingBothFixes() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WampServletApplicationAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("servlet web application")
					.contains("runs on Spring WebFlux");
				assertThat(analysis.getAction()).contains("spring.main.web-application-type=reactive")
					.contains("remove spring-boot-starter-web");
			});
	}

	@Test
	void servletApplicationWithTheServerDisabledStarts() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WampServletApplicationAutoConfiguration.class))
			.withPropertyValues("websocket.server.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void reactiveApplicationIsNotReportedAsAServletOne() {
		this.runner.withConfiguration(AutoConfigurations.of(WampServletApplicationAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WampServletApplicationAutoConfiguration.class));
	}

	@Test
	void duplicateRouteIsDescribedWithItsFix() {
		this.runner.withBean("first", Sum.class).withBean("second", OtherSum.class).run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).startsWith("Duplicate @WampRpc URI pattern 'sample/sum'")
				.contains("bean 'first'")
				.contains("bean 'second'");
			assertThat(analysis.getAction()).isEqualTo("Give each handler its own URI pattern, or remove one of them.");
		});
	}

	@Test
	void badPatternIsDescribedWithItsFix() {
		this.runner.withBean(BadPattern.class).run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).startsWith("Invalid @WampRpc URI pattern 'calc/{op'");
			assertThat(analysis.getAction()).contains("{name} or {name:regex}");
		});
	}

	@Test
	void unknownUriVariableIsDescribedWithItsFix() {
		this.runner.withBean(UnknownVariable.class).run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("cannot bind parameter 1 (String operation)")
				.contains("the pattern has no variable 'operation'");
			assertThat(analysis.getAction()).startsWith("Remove the parameter or change it").contains("@UriVariable");
		});
	}

	@Test
	void serverWebExchangeParameterFailsAtStartUpNotAtTheFirstCall() {
		this.runner.withBean(ExchangeParameter.class).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("cannot bind parameter 1 (ServerWebExchange exchange)")
				.contains("is not a value a WAMP client sends");
			assertThat(analysis.getAction()).contains("CALL arguments");
		});
	}

	@Test
	void badOriginPropertyIsDescribedWithItsFix() {
		this.runner.withPropertyValues("websocket.server.allowed-origins=example.com").run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).startsWith("Invalid value of websocket.server.allowed-origins")
				.contains("'example.com'");
			assertThat(analysis.getAction()).contains("scheme://host[:port]");
		});
	}

	@Test
	void badCidrPropertyIsDescribedWithItsFix() {
		this.runner.withPropertyValues("websocket.server.blocked-addresses=10.0.0.0/33").run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).startsWith("Invalid value of websocket.server.blocked-addresses")
				.contains("10.0.0.0/33");
			assertThat(analysis.getAction()).contains("CIDR blocks");
		});
	}

	@Test
	void bootReportsTheAnalysisInsteadOfAStackTrace(CapturedOutput output) {
		SpringApplication application = new SpringApplication(DuplicateApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		application.setDefaultProperties(java.util.Map.of("server.port", "0", "spring.main.banner-mode", "off"));
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Description:")
			.contains("Duplicate @WampRpc URI pattern 'sample/sum'")
			.contains("Action:")
			.contains("Give each handler its own URI pattern")
			.doesNotContain("Application run failed")
			.doesNotContain("\tat ");
	}

	@Test
	void invalidPropertiesAreListedEachWithItsName() {
		this.runner.withPropertyValues("websocket.server.path=ws", "websocket.server.shutdown-grace=-1s")
			.run((context) -> {
				FailureAnalysis analysis = new WampPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).startsWith("Invalid WAMP server configuration:")
					.contains("websocket.server.path must start with '/'")
					.contains("websocket.server.shutdown-grace must not be negative");
				assertThat(analysis.getAction()).contains("websocket.server.*");
			});
	}

	@Test
	void bootReportsInvalidPropertiesWithTheWampAnalysis(CapturedOutput output) {
		SpringApplication application = new SpringApplication(DuplicateApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		application.setDefaultProperties(java.util.Map.of("server.port", "0", "spring.main.banner-mode", "off",
				"websocket.server.path", "no-slash"));
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid WAMP server configuration:")
			.contains("websocket.server.path must start with '/'")
			.doesNotContain("Binding to target");
	}

	private FailureAnalysis analyze(Throwable failure) {
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DuplicateApplication {

		@org.springframework.context.annotation.Bean
		Sum first() {
			return new Sum();
		}

		@org.springframework.context.annotation.Bean
		OtherSum second() {
			return new OtherSum();
		}

	}

	static class Sum {

		@WampRpc("sample/sum")
		int sum(List<Integer> values) {
			return values.stream().mapToInt(Integer::intValue).sum();
		}

	}

	static class OtherSum {

		@WampRpc("sample/sum")
		int total(int a, int b) {
			return a + b;
		}

	}

	static class BadPattern {

		@WampRpc("calc/{op")
		String calc(String value) {
			return value;
		}

	}

	static class UnknownVariable {

		@WampRpc("calc/{op}")
		String calc(@UriVariable("operation") String operation) {
			return operation;
		}

	}

	static class ExchangeParameter {

		@WampRpc("whoami")
		String whoami(ServerWebExchange exchange) {
			return exchange.getRequest().getPath().value();
		}

	}

}
