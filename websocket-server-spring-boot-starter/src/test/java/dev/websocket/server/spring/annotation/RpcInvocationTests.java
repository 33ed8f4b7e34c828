package dev.websocket.server.spring.annotation;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import dev.websocket.server.connection.AttributeStore;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.engine.WampServerSettings;
import dev.websocket.server.spring.autoconfigure.WampServerProperties;
import dev.websocket.server.wamp.WampErrors;
import dev.websocket.server.testing.InMemoryTransport;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.WampException;
import dev.websocket.server.wamp.message.WampMessage;
import dev.websocket.server.wamp.rpc.RpcInvocation;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** CALLs answered by {@link WampRpc @WampRpc} methods, through the engine. */
class RpcInvocationTests {

	private static final String INVALID_ARGUMENT = "http://api.wamp.ws/error#InvalidArgument";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(JacksonAutoConfiguration.class, WampAnnotationsAutoConfiguration.class))
		.withUserConfiguration(TestWampServerConfiguration.class)
		.withBean(Procedures.class)
		.withBean(StrictProcedures.class)
		.withBean(LegacyProcedures.class);

	@Test
	void positionalArgumentsAreConvertedToParameterTypes() {
		withClient((client) -> assertThat(call(client, "\"sample/add\",2,3")).isEqualTo("[3,\"c\",5]"));
	}

	@Test
	void listParameterReceivesEveryArgument() {
		withClient((client) -> assertThat(call(client, "\"sample/sum\",1,2,3.5")).isEqualTo("[3,\"c\",6.5]"));
	}

	@Test
	void listParameterReceivesTheSoleArray() {
		withClient((client) -> assertThat(call(client, "\"sample/sum\",[1,2,3]")).isEqualTo("[3,\"c\",6]"));
	}

	@Test
	void listParameterReceivesNoArgumentsAsAnEmptyList() {
		withClient((client) -> assertThat(call(client, "\"sample/sum\"")).isEqualTo("[3,\"c\",0]"));
	}

	@Test
	void soleArrayIsSpreadOverSeveralParameters() {
		withClient((client) -> assertThat(call(client, "\"sample/add\",[2,3]")).isEqualTo("[3,\"c\",5]"));
	}

	@Test
	void recordArgumentIsConverted() {
		withClient((client) -> assertThat(call(client, "\"sample/person\",{\"name\":\"Ada\",\"age\":36}"))
			.isEqualTo("[3,\"c\",\"Ada is 36\"]"));
	}

	@Test
	void mapAndListOfRecordsAreConverted() {
		withClient((client) -> assertThat(
				call(client, "\"sample/tally\",{\"a\":1,\"b\":2},[{\"name\":\"Ada\",\"age\":36}]"))
			.isEqualTo("[3,\"c\",\"3 Ada\"]"));
	}

	@Test
	void trailingOptionalMayBeLeftOut() {
		withClient((client) -> {
			assertThat(call(client, "\"sample/greet\",\"Ada\"")).isEqualTo("[3,\"c\",\"hello Ada\"]");
			assertThat(call(client, "\"sample/greet\",\"Ada\",\"hi\"")).isEqualTo("[3,\"c\",\"hi Ada\"]");
		});
	}

	@Test
	void jsonNodeParameterReceivesTheTree() {
		withClient((client) -> assertThat(call(client, "\"sample/tree\",{\"a\":[1,2]}"))
			.isEqualTo("[3,\"c\",\"{\\\"a\\\":[1,2]}\"]"));
	}

	@Test
	void argumentOfTheWrongTypeIsAnInvalidArgumentNamingIt() {
		withClient((client) -> {
			WampMessage.CallError error = callError(client, "\"sample/add\",2,\"two\"");
			assertThat(error.errorUri()).isEqualTo(INVALID_ARGUMENT);
			assertThat(error.errorDescription()).isEqualTo("Invalid argument 2 (b): expected an integer");
			assertThat(tree(error.errorDetails()))
				.isEqualTo(json.readTree("{\"argument\":2,\"name\":\"b\",\"expected\":\"an integer\"}"));
		});
	}

	@Test
	void recordOfTheWrongShapeIsAnInvalidArgument() {
		withClient((client) -> {
			WampMessage.CallError error = callError(client, "\"sample/person\",\"Ada\"");
			assertThat(error.errorUri()).isEqualTo(INVALID_ARGUMENT);
			assertThat(error.errorDescription()).isEqualTo("Invalid argument 1 (person): expected an object");
		});
	}

	@Test
	void invalidArgumentUsesTheServersErrorBase() {
		WampServerSettings settings = WampServerSettings.builder()
			.errors(new WampErrors("http://example.com/errors#"))
			.build();
		this.runner.withBean(WampServerSettings.class, () -> settings).run((context) -> {
			InMemoryTransport.Client client = new InMemoryTransport(context.getBean(WampServer.class)).connect();
			client.welcome();
			assertThat(callError(client, "\"sample/add\",1").errorUri())
				.isEqualTo("http://example.com/errors#InvalidArgument");
		});
	}

	@Test
	void missingArgumentIsAnInvalidArgumentNamingIt() {
		withClient((client) -> {
			WampMessage.CallError error = callError(client, "\"sample/add\",2");
			assertThat(error.errorUri()).isEqualTo(INVALID_ARGUMENT);
			assertThat(error.errorDescription())
				.isEqualTo("Missing argument 2: expected an integer (2 arguments, got 1)");
		});
	}

	@Test
	void tooManyArgumentsIsAnInvalidArgument() {
		withClient((client) -> {
			WampMessage.CallError error = callError(client, "\"sample/add\",1,2,3");
			assertThat(error.errorUri()).isEqualTo(INVALID_ARGUMENT);
			assertThat(error.errorDescription()).isEqualTo("Too many arguments: expected 2 arguments, got 3");
		});
	}

	@Test
	void emptyStringForANumberIsAnInvalidArgumentInJsonTerms() {
		withClient((client) -> {
			WampMessage.CallError error = callError(client, "\"sample/sum\",\"\"");
			assertThat(error.errorUri()).isEqualTo(INVALID_ARGUMENT);
			assertThat(error.errorDescription()).isEqualTo("Invalid argument 1 (values): expected an array of numbers");
		});
	}

	@Test
	void nullElementOfANullMarkedListIsAnInvalidArgument() {
		withClient((client) -> {
			WampMessage.CallError error = callError(client, "\"strict/sum\",[1,null]");
			assertThat(error.errorUri()).isEqualTo(INVALID_ARGUMENT);
			assertThat(error.errorDescription()).isEqualTo("Invalid argument 1 (values): expected an array of numbers");
		});
	}

	@Test
	void nullForANullMarkedParameterIsAnInvalidArgument() {
		withClient((client) -> {
			WampMessage.CallError error = callError(client, "\"strict/length\",null");
			assertThat(error.errorUri()).isEqualTo(INVALID_ARGUMENT);
			assertThat(error.errorDescription()).isEqualTo("Invalid argument 1 (text): expected a string");
		});
	}

	@Test
	void nullableElementTypeAcceptsNullElements() {
		withClient((client) -> assertThat(call(client, "\"strict/count-nulls\",[\"a\",null,null]"))
			.isEqualTo("[3,\"c\",2]"));
	}

	@Test
	void nullForAParameterOfUnspecifiedNullnessStillPasses() {
		withClient((client) -> assertThat(call(client, "\"sample/whoami-or\",null")).isEqualTo("[3,\"c\",\"nobody\"]"));
	}

	@Test
	void numberStringWithAHugeExponentIsAnInvalidArgumentNamingTheBound() {
		withClient((client) -> {
			WampMessage.CallError error = callError(client, "\"sample/sum\",\"1e100000\"");
			assertThat(error.errorUri()).isEqualTo(INVALID_ARGUMENT);
			assertThat(error.errorDescription())
				.isEqualTo("Invalid argument 1 (values): a number's exponent is beyond ±1000");
			assertThat(tree(error.errorDetails()))
				.isEqualTo(json.readTree("{\"argument\":1,\"name\":\"values\",\"expected\":\"an array of numbers\"}"));
		});
	}

	@Test
	void numberLiteralWithAHugeNegativeExponentIsAnInvalidArgument() {
		withClient((client) -> assertThat(callError(client, "\"sample/sum\",1,1e-100000").errorDescription())
			.isEqualTo("Invalid argument 1 (values): a number's exponent is beyond ±1000"));
	}

	@Test
	void bigIntegerFromAHugeExponentIsRefusedBeforeItIsExpanded() {
		withClient((client) -> assertThat(callError(client, "\"sample/big\",1e100000").errorDescription())
			.isEqualTo("Invalid argument 1 (value): a number's exponent is beyond ±1000"));
	}

	@Test
	void numberStringWithTooManyDigitsIsAnInvalidArgument() {
		withClient((client) -> assertThat(
				callError(client, "\"sample/big\",\"" + "7".repeat(1001) + "\"").errorDescription())
			.isEqualTo("Invalid argument 1 (value): a number has more than 1000 digits"));
	}

	@Test
	void numbersWithinTheBoundsAreConverted() {
		withClient((client) -> {
			assertThat(call(client, "\"sample/big\",\"" + "7".repeat(1000) + "\"")).isEqualTo("[3,\"c\",1000]");
			assertThat(call(client, "\"sample/sum\",\"1e1000\",\"-1e1000\",1e-1000,2"))
				.isEqualTo("[3,\"c\",2." + "0".repeat(999) + "1]");
		});
	}

	@Test
	void numberBoundsAreThePropertiesValues() {
		WampServerProperties properties = new WampServerProperties();
		properties.getLimits().setMaxNumberDigits(5);
		properties.getLimits().setMaxNumberExponent(4);
		this.runner.withBean(WampServerProperties.class, () -> properties).run((context) -> {
			InMemoryTransport.Client client = new InMemoryTransport(context.getBean(WampServer.class)).connect();
			client.welcome();
			assertThat(call(client, "\"sample/sum\",12345,1e4")).isEqualTo("[3,\"c\",22345]");
			assertThat(callError(client, "\"sample/sum\",123456").errorDescription())
				.isEqualTo("Invalid argument 1 (values): a number has more than 5 digits");
			assertThat(callError(client, "\"sample/sum\",1e5").errorDescription())
				.isEqualTo("Invalid argument 1 (values): a number's exponent is beyond ±4");
		});
	}

	@Test
	void monoResultIsAnswered() {
		withClient((client) -> assertThat(call(client, "\"sample/mono\",\"x\"")).isEqualTo("[3,\"c\",\"mono x\"]"));
	}

	@Test
	void completionStageResultIsAnswered() {
		withClient((client) -> assertThat(call(client, "\"sample/future\",20")).isEqualTo("[3,\"c\",21]"));
	}

	@Test
	void fluxResultIsCollectedIntoAList() {
		withClient((client) -> assertThat(call(client, "\"sample/flux\",3")).isEqualTo("[3,\"c\",[0,1,2]]"));
	}

	@Test
	void voidMethodAnswersNull() {
		withClient((client) -> assertThat(call(client, "\"sample/nothing\"")).isEqualTo("[3,\"c\",null]"));
	}

	@Test
	void blockingMethodRunsOnTheBoundedElasticScheduler() {
		withClient((client) -> assertThat(call(client, "\"sample/blocking-thread\""))
			.startsWith("[3,\"c\",\"boundedElastic-"));
	}

	@Test
	void otherMethodsRunOnTheCallingThread() {
		withClient((client) -> assertThat(call(client, "\"sample/thread\""))
			.isEqualTo("[3,\"c\",\"" + Thread.currentThread().getName() + "\"]"));
	}

	@Test
	void uriVariablesAreBoundAndConverted() {
		withClient((client) -> {
			assertThat(call(client, "\"calc/add\",2,3")).isEqualTo("[3,\"c\",5]");
			assertThat(call(client, "\"calc/mul\",2,3")).isEqualTo("[3,\"c\",6]");
			assertThat(call(client, "\"item/42\"")).isEqualTo("[3,\"c\",43]");
		});
	}

	@Test
	void uriVariableThatDoesNotConvertIsAnInvalidArgument() {
		withClient((client) -> {
			WampMessage.CallError error = callError(client, "\"item/forty-two\"");
			assertThat(error.errorUri()).isEqualTo(INVALID_ARGUMENT);
			assertThat(error.errorDescription()).isEqualTo("Invalid URI variable 'id': expected an integer");
		});
	}

	@Test
	void connectionAttributesAndInvocationAreBound() {
		withClient((client) -> {
			assertThat(call(client, "\"sample/remember\"")).isEqualTo("[3,\"c\",\"sample/remember\"]");
			assertThat(client.connection().attributes().get("last")).isEqualTo("sample/remember");
			assertThat(call(client, "\"sample/session\"")).isEqualTo("[3,\"c\",\"" + client.sessionId() + "\"]");
		});
	}

	@Test
	void principalIsNullForAnAnonymousCaller() {
		withClient((client) -> assertThat(call(client, "\"sample/whoami\"")).isEqualTo("[3,\"c\",\"anonymous\"]"));
	}

	@Test
	void principalIsTheConnectionsUser() {
		this.runner.run((context) -> {
			InMemoryTransport transport = new InMemoryTransport(context.getBean(WampServer.class));
			Principal ada = () -> "ada";
			InMemoryTransport.Client client = transport.connect(InMemoryTransport.request(ada));
			client.welcome();
			assertThat(call(client, "\"sample/whoami\"")).isEqualTo("[3,\"c\",\"ada\"]");
		});
	}

	@Test
	void wampExceptionIsAnsweredAsItsCallError() {
		withClient((client) -> {
			WampMessage.CallError error = callError(client, "\"sample/refuse\"");
			assertThat(error.errorUri()).isEqualTo("http://example.com/error#refused");
			assertThat(error.errorDescription()).isEqualTo("not today");
			assertThat(tree(error.errorDetails())).isEqualTo(json.readTree("{\"retry\":true}"));
		});
	}

	@Test
	void otherExceptionIsAnsweredWithoutItsMessage() {
		withClient((client) -> {
			String answer = call(client, "\"sample/crash\"");
			assertThat(answer).startsWith("[4,\"c\",\"http://api.wamp.ws/error#InternalError\"")
				.doesNotContain("secret");
		});
	}

	private void withClient(Consumer<InMemoryTransport.Client> test) {
		this.runner.run((context) -> {
			InMemoryTransport.Client client = new InMemoryTransport(context.getBean(WampServer.class)).connect();
			client.welcome();
			test.accept(client);
		});
	}

	private static String call(InMemoryTransport.Client client, String rest) {
		client.send("[2,\"c\"," + rest + "]");
		return client.nextText();
	}

	private static WampMessage.CallError callError(InMemoryTransport.Client client, String rest) {
		client.send("[2,\"c\"," + rest + "]");
		return client.next(WampMessage.CallError.class);
	}

	private static JsonNode tree(Object value) {
		return json.valueToTree(value);
	}

	record Person(String name, int age) {
	}

	/** Procedures in code whose nullness is unspecified. */
	@NullUnmarked
	static class LegacyProcedures {

		@WampRpc("sample/whoami-or")
		String whoamiOr(String name) {
			return (name != null) ? name : "nobody";
		}

	}

	/** Procedures in null-marked code, where nullness is declared. */
	@NullMarked
	static class StrictProcedures {

		@WampRpc("strict/sum")
		BigDecimal sum(List<BigDecimal> values) {
			return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		}

		@WampRpc("strict/length")
		int length(String text) {
			return text.length();
		}

		@WampRpc("strict/count-nulls")
		long countNulls(List<@Nullable String> values) {
			return values.stream().filter(Objects::isNull).count();
		}

	}

	static class Procedures {

		@WampRpc("sample/add")
		int add(int a, int b) {
			return a + b;
		}

		@WampRpc("sample/sum")
		BigDecimal sum(List<BigDecimal> values) {
			return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		}

		@WampRpc("sample/person")
		String person(Person person) {
			return person.name() + " is " + person.age();
		}

		@WampRpc("sample/tally")
		String tally(Map<String, Integer> counts, List<Person> people) {
			return counts.values().stream().mapToInt(Integer::intValue).sum() + " " + people.get(0).name();
		}

		@WampRpc("sample/greet")
		String greet(String name, Optional<String> greeting) {
			return greeting.orElse("hello") + " " + name;
		}

		@WampRpc("sample/big")
		int big(BigInteger value) {
			return value.toString().length();
		}

		@WampRpc("sample/tree")
		String tree(JsonNode node) {
			return node.toString();
		}

		@WampRpc("sample/mono")
		Mono<String> mono(String text) {
			return Mono.just("mono " + text);
		}

		@WampRpc("sample/future")
		CompletionStage<Integer> future(int n) {
			return CompletableFuture.supplyAsync(() -> n + 1);
		}

		@WampRpc("sample/flux")
		Flux<Integer> flux(int n) {
			return Flux.range(0, n);
		}

		@WampRpc("sample/nothing")
		void nothing() {
		}

		@WampRpc("sample/blocking-thread")
		@Blocking
		String blockingThread() {
			return Thread.currentThread().getName();
		}

		@WampRpc("sample/thread")
		String thread() {
			return Thread.currentThread().getName();
		}

		@WampRpc("calc/{op}")
		int calc(@UriVariable("op") String op, int a, int b) {
			return op.equals("mul") ? a * b : a + b;
		}

		@WampRpc("item/{id}")
		long item(@UriVariable("id") long id) {
			return id + 1;
		}

		@WampRpc("sample/remember")
		String remember(AttributeStore attributes, RpcInvocation invocation) {
			attributes.set("last", invocation.procUri());
			return invocation.procUri();
		}

		@WampRpc("sample/session")
		String session(WampConnection connection) {
			return connection.sessionId();
		}

		@WampRpc("sample/whoami")
		String whoami(Principal principal) {
			return (principal != null) ? principal.getName() : "anonymous";
		}

		@WampRpc("sample/refuse")
		void refuse() {
			throw new WampException("http://example.com/error#refused", "not today", Map.of("retry", true));
		}

		@WampRpc("sample/crash")
		void crash() throws IOException {
			throw new IOException("secret path /etc/passwd");
		}

	}

}
