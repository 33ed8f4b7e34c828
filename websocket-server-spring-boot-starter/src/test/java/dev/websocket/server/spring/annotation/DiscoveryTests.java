package dev.websocket.server.spring.annotation;

import java.util.List;

import dev.websocket.server.engine.WampServer;
import dev.websocket.server.spring.autoconfigure.WampServerCustomizer;
import dev.websocket.server.spring.annotation.scan.ScannedTopic;
import dev.websocket.server.testing.InMemoryTransport;
import dev.websocket.server.wamp.topic.Topic;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovery of annotated handlers and the start-up failures it reports. */
class DiscoveryTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(JacksonAutoConfiguration.class, WampAnnotationsAutoConfiguration.class))
		.withUserConfiguration(TestWampServerConfiguration.class);

	@Test
	void registersAnnotatedMethodsUnderTheClassPrefix() {
		this.runner.withBean(PrefixedProcedures.class).run((context) -> {
			InMemoryTransport.Client client = new InMemoryTransport(context.getBean(WampServer.class)).connect();
			client.welcome();
			client.send("[2,\"c1\",\"sample/echo\",\"hi\"]");
			assertThat(client.nextText()).isEqualTo("[3,\"c1\",\"hi\"]");
			client.send("[2,\"c2\",\"echo\",\"hi\"]");
			assertThat(client.nextText()).startsWith("[4,\"c2\",\"http://api.wamp.ws/error#NoSuchRPCEndpoint\"");
		});
	}

	@Test
	void registersTopicBeansFoundByComponentScanning() {
		this.runner.withUserConfiguration(ScannedConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ScannedTopic.class);
			InMemoryTransport transport = new InMemoryTransport(context.getBean(WampServer.class));
			InMemoryTransport.Client client = transport.connect();
			client.welcome();
			client.send("[5,\"scanned/a\"]");
			client.send("[7,\"scanned/a\",\"x\"]");
			assertThat(client.nextText()).isEqualTo("[8,\"scanned/a\",\"scanned x\"]");
		});
	}

	@Test
	void registersAHandlerBeanThatDependsOnTheServerOnceEverySingletonExists() {
		this.runner.withBean(ServerAwareProcedures.class).run((context) -> {
			assertThat(context).hasNotFailed();
			InMemoryTransport.Client client = new InMemoryTransport(context.getBean(WampServer.class)).connect();
			client.welcome();
			client.send("[2,\"c1\",\"sample/ident\"]");
			assertThat(client.nextText()).isEqualTo("[3,\"c1\",\"websocket-server/0.1\"]");
		});
	}

	@Test
	void duplicateOfAPatternTheServerAlreadyRoutesFailsTheStartNamingTheMethod() {
		this.runner.withBean(PrefixedProcedures.class)
			.withBean(WampServerCustomizer.class,
					() -> (builder) -> builder.rpc("sample/echo", (invocation) -> "customized"))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining("Cannot register URI pattern 'sample/echo'")
					.hasStackTraceContaining("DiscoveryTests.PrefixedProcedures#echo(String)");
			});
	}

	@Test
	void duplicatePatternFailsTheStartNamingBothBeansAndMethods() {
		this.runner.withBean("first", SumProcedure.class).withBean("second", OtherSumProcedure.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Duplicate @WampRpc URI pattern 'sample/sum'")
				.hasMessageContaining("bean 'first' method DiscoveryTests.SumProcedure#sum(List)")
				.hasMessageContaining("bean 'second' method DiscoveryTests.OtherSumProcedure#total(int, int)");
		});
	}

	@Test
	void equivalentTopicPatternsAreDuplicates() {
		this.runner.withBean("rooms", RoomTopic.class).withBean("chats", OtherRoomTopic.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Duplicate @WampTopic URI pattern 'chat/{room}' and 'chat/{id}' (equivalent)")
				.hasMessageContaining("bean 'rooms' (DiscoveryTests.RoomTopic)")
				.hasMessageContaining("bean 'chats' (DiscoveryTests.OtherRoomTopic)");
		});
	}

	@Test
	void invalidPatternFailsTheStartNamingTheBeanAndMethod() {
		this.runner.withBean("broken", BrokenPattern.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Invalid @WampRpc URI pattern 'calc/{op'")
				.hasMessageContaining("bean 'broken' method DiscoveryTests.BrokenPattern#calc(String)");
		});
	}

	@Test
	void invalidRegexInPatternFailsTheStart() {
		this.runner.withBean("badRegex", BadRegexPattern.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Invalid @WampRpc URI pattern 'calc/{op:[a-z}'")
				.hasMessageContaining("bean 'badRegex' method DiscoveryTests.BadRegexPattern#calc(String)");
		});
	}

	@Test
	void unknownUriVariableFailsTheStart() {
		this.runner.withBean("unknownVariable", UnknownVariable.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining(
						"@WampRpc bean 'unknownVariable' method DiscoveryTests.UnknownVariable#calc(String)")
				.hasMessageContaining("the pattern has no variable 'operation'");
		});
	}

	@Test
	void twoOnPublishMethodsOnOneTopicFailTheStart() {
		this.runner.withBean("twice", TwoPublishHooks.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining(
						"@WampTopic bean 'twice' (DiscoveryTests.TwoPublishHooks) declares 2 @OnPublish methods")
				.hasMessageContaining("DiscoveryTests.TwoPublishHooks#first(Publication)")
				.hasMessageContaining("DiscoveryTests.TwoPublishHooks#second(Publication)");
		});
	}

	@Test
	void blockingSubscribeHookFailsTheStart() {
		this.runner.withBean("blockingSubscribe", BlockingSubscribe.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining(
						"@OnSubscribe bean 'blockingSubscribe' method DiscoveryTests.BlockingSubscribe#check()")
				.hasMessageContaining("cannot be @Blocking");
		});
	}

	@Test
	void malformedPeriodicIntervalFailsTheStart() {
		this.runner.withBean("ticker", BadInterval.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("@Periodic bean 'ticker' method DiscoveryTests.BadInterval#tick()")
				.hasMessageContaining("invalid interval 'often'");
		});
	}

	@Test
	void periodicIntervalResolvesPlaceholders() {
		this.runner.withPropertyValues("ticker.interval=oops")
			.withBean("ticker", PlaceholderInterval.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("invalid interval 'oops'");
			});
	}

	@Test
	void unsupportedTopicParameterFailsTheStart() {
		this.runner.withBean("unsupported", UnsupportedParameter.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining(
						"@OnSubscribe bean 'unsupported' method DiscoveryTests.UnsupportedParameter#check(String)")
				.hasMessageContaining("cannot bind parameter 1 (String name)");
		});
	}

	@Test
	void optionalArgumentsMustComeLast() {
		this.runner.withBean("optionalFirst", OptionalFirst.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining(
						"@WampRpc bean 'optionalFirst' method DiscoveryTests.OptionalFirst#greet(Optional, String)")
				.hasMessageContaining("Optional arguments must come last");
		});
	}

	@Test
	void topicHookOnABeanWithoutWampTopicFailsTheStart() {
		this.runner.withBean("ticker", HookWithoutTopic.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining(
						"@Periodic bean 'ticker' method DiscoveryTests.HookWithoutTopic#tick() never runs")
				.hasMessageContaining("Add @WampTopic(\"<topic pattern>\") to DiscoveryTests.HookWithoutTopic");
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnHandlers() {
		this.runner
			.withBean("annotatedWampHandlers", AnnotatedWampHandlers.class,
					() -> new AnnotatedWampHandlers(
							new org.springframework.beans.factory.support.DefaultListableBeanFactory(),
							tools.jackson.databind.json.JsonMapper.builder().build(),
							reactor.core.scheduler.Schedulers.immediate()))
			.withBean(PrefixedProcedures.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(AnnotatedWampHandlers.class);
				InMemoryTransport.Client client = new InMemoryTransport(context.getBean(WampServer.class)).connect();
				client.welcome();
				client.send("[2,\"c1\",\"sample/echo\",\"hi\"]");
				assertThat(client.nextText()).startsWith("[4,\"c1\",\"http://api.wamp.ws/error#NoSuchRPCEndpoint\"");
			});
	}

	@Test
	void turnedOffWithTheStarter() {
		this.runner.withPropertyValues("websocket.server.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AnnotatedWampHandlers.class));
	}

	@WampRpc("sample/")
	static class PrefixedProcedures {

		@WampRpc("echo")
		String echo(String text) {
			return text;
		}

	}

	static class ServerAwareProcedures {

		private final WampServer server;

		ServerAwareProcedures(WampServer server) {
			this.server = server;
		}

		@WampRpc("sample/ident")
		String ident() {
			return this.server.settings().serverIdent();
		}

	}

	static class SumProcedure {

		@WampRpc("sample/sum")
		int sum(List<Integer> values) {
			return values.stream().mapToInt(Integer::intValue).sum();
		}

	}

	static class OtherSumProcedure {

		@WampRpc("sample/sum")
		int total(int a, int b) {
			return a + b;
		}

	}

	@WampTopic("chat/{room}")
	static class RoomTopic {

	}

	@WampTopic("chat/{id}")
	static class OtherRoomTopic {

	}

	static class BrokenPattern {

		@WampRpc("calc/{op")
		String calc(@UriVariable("op") String op) {
			return op;
		}

	}

	static class BadRegexPattern {

		@WampRpc("calc/{op:[a-z}")
		String calc(@UriVariable("op") String op) {
			return op;
		}

	}

	static class UnknownVariable {

		@WampRpc("calc/{op}")
		String calc(@UriVariable("operation") String op) {
			return op;
		}

	}

	@WampTopic("twice")
	static class TwoPublishHooks {

		@OnPublish
		void first(dev.websocket.server.wamp.topic.Publication publication) {
		}

		@OnPublish
		void second(dev.websocket.server.wamp.topic.Publication publication) {
		}

	}

	@WampTopic("blocking")
	static class BlockingSubscribe {

		@OnSubscribe
		@Blocking
		boolean check() {
			return true;
		}

	}

	@WampTopic("ticks")
	static class BadInterval {

		@Periodic("often")
		String tick() {
			return "tick";
		}

	}

	@WampTopic("ticks")
	static class PlaceholderInterval {

		@Periodic("${ticker.interval}")
		String tick(Topic topic) {
			return "tick";
		}

	}

	@WampTopic("unsupported")
	static class UnsupportedParameter {

		@OnSubscribe
		void check(String name) {
		}

	}

	static class OptionalFirst {

		@WampRpc("greet")
		String greet(java.util.Optional<String> greeting, String name) {
			return greeting.orElse("hello") + " " + name;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@org.springframework.context.annotation.ComponentScan(basePackageClasses = ScannedTopic.class)
	static class ScannedConfiguration {

		@Bean
		String unrelatedBean() {
			return "unrelated";
		}

	}

	static class HookWithoutTopic {

		@Periodic("1s")
		String tick() {
			return "tick";
		}

	}

}
