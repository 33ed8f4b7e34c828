package dev.websocket.server.spring.annotation;

import java.lang.reflect.Method;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.websocket.server.connection.AttributeStore;
import dev.websocket.server.connection.Connection;
import dev.websocket.server.spring.diagnostics.WampConfigurationException;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.WampException;
import dev.websocket.server.wamp.routing.UriPattern;
import dev.websocket.server.wamp.rpc.RpcInvocation;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.Topic;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;

/**
 * The parameters of one handler method, each with a resolver built at start-up; binding
 * an invocation only runs the resolvers.
 */
final class ParameterBinding {

	/** The kinds of handler methods, with what each may declare. */
	enum Kind {

		RPC("@WampRpc"), SUBSCRIBE("@OnSubscribe"), UNSUBSCRIBE("@OnUnsubscribe"), PUBLISH("@OnPublish"),
		PERIODIC("@Periodic");

		private final String annotation;

		Kind(String annotation) {
			this.annotation = annotation;
		}

		String annotation() {
			return this.annotation;
		}

	}

	private static final List<String> SERVER_SIDE_PACKAGES = List.of("org.springframework.", "reactor.", "io.netty.",
			"org.reactivestreams.", "jakarta.servlet.", "dev.websocket.server.engine.", "dev.websocket.server.broker.",
			"dev.websocket.server.middleware.", "dev.websocket.server.client.");

	private static final TypeDescriptor STRING = TypeDescriptor.valueOf(String.class);

	private final ParameterResolver[] resolvers;

	private final List<ValueConverter> arguments;

	private final List<String> argumentNames;

	private final @Nullable ValueConverter event;

	private ParameterBinding(ParameterResolver[] resolvers, List<ValueConverter> arguments, List<String> argumentNames,
			@Nullable ValueConverter event) {
		this.resolvers = resolvers;
		this.arguments = arguments;
		this.argumentNames = argumentNames;
		this.event = event;
	}

	/**
	 * The names of the CALL-argument parameters, in order: a WAMP v2 CALL's keyword
	 * arguments bind by them.
	 */
	List<String> argumentNames() {
		return this.argumentNames;
	}

	/** The converters of the CALL-argument parameters, in order (RPC methods). */
	List<ValueConverter> arguments() {
		return this.arguments;
	}

	/** The converter of the event parameter ({@code @OnPublish} methods), if declared. */
	@Nullable ValueConverter event() {
		return this.event;
	}

	/**
	 * @param context the invocation
	 * @return the values to invoke the method with
	 */
	@Nullable Object[] resolve(HandlerContext context) {
		@Nullable Object[] values = new Object[this.resolvers.length];
		for (int i = 0; i < values.length; i++) {
			values[i] = this.resolvers[i].resolve(context);
		}
		return values;
	}

	/**
	 * Builds the resolvers of a method.
	 * @param beanMethod the method
	 * @param kind what it handles
	 * @param pattern the variables of its URI pattern
	 * @param mapper converts JSON values
	 * @param conversionService converts URI variables
	 * @return the binding
	 * @throws IllegalStateException naming the bean, method and parameter that cannot be
	 * bound
	 */
	static ParameterBinding of(BeanMethod beanMethod, Kind kind, UriPattern pattern, JsonMapper mapper,
			ConversionService conversionService) {
		Method method = beanMethod.method();
		int count = method.getParameterCount();
		ParameterResolver[] resolvers = new ParameterResolver[count];
		List<ValueConverter> arguments = new ArrayList<>();
		List<String> argumentNames = new ArrayList<>();
		ValueConverter event = null;
		for (int i = 0; i < count; i++) {
			MethodParameter parameter = new MethodParameter(method, i).withContainingClass(beanMethod.beanType());
			Class<?> type = parameter.getParameterType();
			UriVariable variable = parameter.getParameterAnnotation(UriVariable.class);
			if (variable != null) {
				if (!pattern.variableNames().contains(variable.value())) {
					throw unsupported(beanMethod, kind, parameter, "the pattern has no variable '" + variable.value()
							+ "' (it has " + pattern.variableNames() + ")");
				}
				if (parameter.getParameterType() != String.class
						&& !conversionService.canConvert(STRING, new TypeDescriptor(parameter))) {
					throw unsupported(beanMethod, kind, parameter,
							"a URI variable cannot be converted to " + parameter.getParameterType().getSimpleName());
				}
				resolvers[i] = uriVariable(variable.value(), parameter, conversionService);
			}
			else if (Connection.class.isAssignableFrom(type) && type.isAssignableFrom(WampConnection.class)) {
				requireConnection(beanMethod, kind, parameter);
				resolvers[i] = HandlerContext::connection;
			}
			else if (Principal.class.isAssignableFrom(type)) {
				requireConnection(beanMethod, kind, parameter);
				resolvers[i] = (context) -> principal(context, type);
			}
			else if (type == AttributeStore.class) {
				requireConnection(beanMethod, kind, parameter);
				resolvers[i] = (context) -> (context.connection() != null) ? context.connection().attributes() : null;
			}
			else if (type == RpcInvocation.class && kind == Kind.RPC) {
				resolvers[i] = HandlerContext::invocation;
			}
			else if (type == Topic.class && kind != Kind.RPC) {
				resolvers[i] = HandlerContext::topic;
			}
			else if (type == Publication.class && kind == Kind.PUBLISH) {
				resolvers[i] = HandlerContext::publication;
			}
			else if ((kind == Kind.RPC || (kind == Kind.PUBLISH && event == null)) && isServerSide(type)) {
				// Jackson would accept the type here and fail on every call: refuse it
				// now
				throw unsupported(beanMethod, kind, parameter, type.getName() + " is not a value a WAMP client sends");
			}
			else if (kind == Kind.RPC) {
				ValueConverter converter = new ValueConverter(mapper, parameter);
				resolvers[i] = callArgument(arguments.size(), name(parameter), converter);
				arguments.add(converter);
				argumentNames.add(name(parameter));
			}
			else if (kind == Kind.PUBLISH && event == null) {
				ValueConverter converter = new ValueConverter(mapper, parameter);
				resolvers[i] = (context) -> converter.convertObject(publicationEvent(context));
				event = converter;
			}
			else {
				throw unsupported(beanMethod, kind, parameter, (kind == Kind.PUBLISH)
						? "only one parameter can receive the event" : "it is not something this method receives");
			}
		}
		requireTrailingOptionals(beanMethod, arguments);
		return new ParameterBinding(resolvers, List.copyOf(arguments), List.copyOf(argumentNames), event);
	}

	private static @Nullable Object publicationEvent(HandlerContext context) {
		Publication publication = context.publication();
		return (publication != null) ? publication.event() : null;
	}

	private static @Nullable Object principal(HandlerContext context, Class<?> type) {
		WampConnection connection = context.connection();
		Principal principal = (connection != null) ? connection.principal() : null;
		return type.isInstance(principal) ? principal : null;
	}

	private static ParameterResolver uriVariable(String name, MethodParameter parameter,
			ConversionService conversionService) {
		if (parameter.getParameterType() == String.class) {
			return (context) -> context.variables().get(name);
		}
		TypeDescriptor target = new TypeDescriptor(parameter);
		String expected = JsonTerms.describe(target.getResolvableType());
		return (context) -> {
			String value = context.variables().get(name);
			try {
				return conversionService.convert(value, STRING, target);
			}
			catch (RuntimeException ex) {
				throw new WampException(context.errors().invalidArgument(),
						"Invalid URI variable '" + name + "': expected " + expected,
						Map.of("variable", name, "expected", expected));
			}
		};
	}

	private static ParameterResolver callArgument(int index, String name, ValueConverter converter) {
		return (context) -> {
			List<tools.jackson.databind.JsonNode> values = context.arguments();
			// a missing node stands for a parameter a v2 CALL named no keyword argument
			// for
			if (index >= values.size() || values.get(index).isMissingNode()) {
				return converter.missing();
			}
			try {
				return converter.convert(values.get(index));
			}
			catch (RuntimeException ex) {
				String bound = BoundedNumbers.violation(ex);
				throw new WampException(context.errors().invalidArgument(),
						"Invalid argument " + (index + 1) + " (" + name + "): "
								+ ((bound != null) ? bound : "expected " + converter.expected()),
						Map.of("argument", index + 1, "name", name, "expected", converter.expected()));
			}
		};
	}

	static String name(MethodParameter parameter) {
		String name = parameter.getParameterName();
		return (name != null) ? name : "arg" + parameter.getParameterIndex();
	}

	private static void requireConnection(BeanMethod beanMethod, Kind kind, MethodParameter parameter) {
		if (kind == Kind.PERIODIC) {
			throw unsupported(beanMethod, kind, parameter, "periodic work has no connection");
		}
	}

	private static void requireTrailingOptionals(BeanMethod beanMethod, List<ValueConverter> arguments) {
		boolean optionalSeen = false;
		for (ValueConverter argument : arguments) {
			if (optionalSeen && !argument.optional()) {
				throw new WampConfigurationException(
						"@WampRpc " + beanMethod.description()
								+ ": Optional arguments must come last, after every required argument.",
						"Move the Optional parameters after the required CALL arguments.");
			}
			optionalSeen |= argument.optional();
		}
	}

	/**
	 * Types of the server and its frameworks (an exchange, a WebSocket session, a
	 * publisher): never the JSON value of a CALL argument or an event.
	 */
	private static boolean isServerSide(Class<?> type) {
		String name = type.getName();
		return SERVER_SIDE_PACKAGES.stream().anyMatch(name::startsWith);
	}

	private static String supported(Kind kind) {
		return switch (kind) {
			case RPC -> "WampConnection, Principal, AttributeStore, RpcInvocation, @UriVariable and CALL arguments";
			case SUBSCRIBE, UNSUBSCRIBE -> "WampConnection, Topic, Principal, AttributeStore and @UriVariable";
			case PUBLISH -> "WampConnection, Topic, Principal, AttributeStore, Publication, @UriVariable and one event";
			case PERIODIC -> "Topic and @UriVariable";
		};
	}

	private static WampConfigurationException unsupported(BeanMethod beanMethod, Kind kind, MethodParameter parameter,
			String why) {
		return new WampConfigurationException(
				kind.annotation() + " " + beanMethod.description() + ": cannot bind parameter "
						+ (parameter.getParameterIndex() + 1) + " (" + parameter.getParameterType().getSimpleName()
						+ " " + name(parameter) + "): " + why + ".",
				"Remove the parameter or change it to one a " + kind.annotation() + " method can declare: "
						+ supported(kind) + ".");
	}

}
