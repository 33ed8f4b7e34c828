package dev.websocket.server.spring.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.websocket.server.engine.WampServer;
import dev.websocket.server.spring.autoconfigure.WampServerCustomizer;
import dev.websocket.server.spring.diagnostics.WampConfigurationException;
import dev.websocket.server.wamp.routing.UriPattern;
import dev.websocket.server.wamp.topic.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Registers the annotated handlers of the application's beans with the server: one
 * {@link dev.websocket.server.wamp.rpc.RpcHandler} per {@link WampRpc @WampRpc} method
 * and one {@link dev.websocket.server.wamp.topic.TopicHandler} per
 * {@link WampTopic @WampTopic} bean.
 *
 * <p>
 * Beans are found by type once every singleton exists, and registered with their
 * instances into the live router of the context's {@link WampServer} (before the web
 * server starts accepting connections), so a handler bean may depend on the server
 * without a cycle and nothing is looked up per call. Every parameter's binding is
 * prepared here, so a start fails, naming the bean and method, for a duplicate or invalid
 * URI pattern, a parameter that cannot be bound, a {@code @UriVariable} the pattern does
 * not declare, two methods with the same topic annotation on one bean, a malformed
 * {@code @Periodic} interval, or a topic hook ({@code @OnSubscribe},
 * {@code @OnUnsubscribe}, {@code @OnPublish}, {@code @Periodic}) on a bean that is not a
 * {@code @WampTopic}.
 */
public final class AnnotatedWampHandlers implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(AnnotatedWampHandlers.class);

	private static final List<Class<? extends Annotation>> TOPIC_HOOKS = List.of(OnSubscribe.class, OnUnsubscribe.class,
			OnPublish.class, Periodic.class);

	private final ListableBeanFactory beanFactory;

	private final JsonMapper jsonMapper;

	private final Scheduler blockingScheduler;

	private final ConversionService conversionService;

	/**
	 * @param beanFactory where to find the handler beans and the server
	 * @param jsonMapper converts CALL arguments and published events to parameter types
	 * @param blockingScheduler where {@link Blocking @Blocking} methods run; bounded
	 */
	public AnnotatedWampHandlers(ListableBeanFactory beanFactory, JsonMapper jsonMapper, Scheduler blockingScheduler) {
		this.beanFactory = beanFactory;
		this.jsonMapper = jsonMapper;
		this.blockingScheduler = blockingScheduler;
		this.conversionService = ApplicationConversionService.getSharedInstance();
	}

	/**
	 * Registers the handlers into the context's server, if it has exactly one.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		WampServer server = this.beanFactory.getBeanProvider(WampServer.class).getIfUnique();
		if (server == null) {
			return;
		}
		try {
			register(server);
		}
		catch (RuntimeException ex) {
			// reported like a bean's failed initialization: the cause names the bean, the
			// method and the fix
			throw new BeanInitializationException("Registering the annotated WAMP handlers failed", ex);
		}
	}

	/**
	 * Detects every annotated handler and registers it into the server's live router.
	 * @param server the running server
	 */
	void register(WampServer server) {
		Map<String, Registration> rpcs = new LinkedHashMap<>();
		Map<String, Registration> topics = new LinkedHashMap<>();
		for (String beanName : this.beanFactory.getBeanNamesForType(Object.class)) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				continue;
			}
			Class<?> beanType = beanType(beanName);
			if (beanType == null) {
				continue;
			}
			detectRpcMethods(beanName, beanType, rpcs);
			detectTopic(beanName, beanType, topics);
		}
		rpcs.values().forEach((registration) -> registration.register(server));
		topics.values().forEach((registration) -> registration.register(server));
		logger.debug("Registered {} @WampRpc methods and {} @WampTopic beans", rpcs.size(), topics.size());
	}

	private @Nullable Class<?> beanType(String beanName) {
		try {
			Class<?> type = this.beanFactory.getType(beanName);
			return (type != null) ? ClassUtils.getUserClass(type) : null;
		}
		catch (Throwable ex) {
			logger.trace("Could not resolve the type of bean '{}'", beanName, ex);
			return null;
		}
	}

	private void detectRpcMethods(String beanName, Class<?> beanType, Map<String, Registration> rpcs) {
		Map<Method, WampRpc> methods = MethodIntrospector.selectMethods(beanType,
				(MethodIntrospector.MetadataLookup<WampRpc>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, WampRpc.class));
		if (methods.isEmpty()) {
			return;
		}
		WampRpc classLevel = AnnotatedElementUtils.findMergedAnnotation(beanType, WampRpc.class);
		String prefix = (classLevel != null) ? classLevel.value() : "";
		boolean blockingClass = AnnotatedElementUtils.hasAnnotation(beanType, Blocking.class);
		Object bean = this.beanFactory.getBean(beanName);
		methods.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Method::toGenericString)))
			.forEach((entry) -> {
				BeanMethod method = new BeanMethod(bean, beanName, beanType, entry.getKey());
				UriPattern pattern = checkPattern(prefix + entry.getValue().value(), "@WampRpc", method.description());
				ParameterBinding binding = ParameterBinding.of(method, ParameterBinding.Kind.RPC, pattern,
						this.jsonMapper, this.conversionService);
				boolean blocking = blockingClass || AnnotatedElementUtils.hasAnnotation(entry.getKey(), Blocking.class);
				RpcMethodHandler handler = new RpcMethodHandler(method, binding,
						blocking ? this.blockingScheduler : null);
				add(rpcs, "@WampRpc",
						new Registration(pattern, method.description(), (server) -> server.rpc(pattern, handler)));
			});
	}

	private void detectTopic(String beanName, Class<?> beanType, Map<String, Registration> topics) {
		WampTopic annotation = AnnotatedElementUtils.findMergedAnnotation(beanType, WampTopic.class);
		if (annotation == null) {
			checkNoTopicHooks(beanName, beanType);
			return;
		}
		String description = "bean '" + beanName + "' (" + ClassUtils.getShortName(beanType) + ")";
		UriPattern pattern = checkPattern(annotation.value(), "@WampTopic", description);
		Object bean = this.beanFactory.getBean(beanName);
		boolean blockingClass = AnnotatedElementUtils.hasAnnotation(beanType, Blocking.class);
		TopicMethodHandler.Bound subscribe = bind(bean, beanName, beanType, OnSubscribe.class,
				ParameterBinding.Kind.SUBSCRIBE, pattern, false);
		TopicMethodHandler.Bound unsubscribe = bind(bean, beanName, beanType, OnUnsubscribe.class,
				ParameterBinding.Kind.UNSUBSCRIBE, pattern, blockingClass);
		TopicMethodHandler.Bound publish = bind(bean, beanName, beanType, OnPublish.class,
				ParameterBinding.Kind.PUBLISH, pattern, false);
		TopicMethodHandler.Bound periodic = bind(bean, beanName, beanType, Periodic.class,
				ParameterBinding.Kind.PERIODIC, pattern, blockingClass);
		Duration interval = (periodic != null) ? interval(periodic.method()) : null;
		checkReturnTypes(subscribe, periodic);
		TopicMethodHandler handler = new TopicMethodHandler(beanName, subscribe, unsubscribe, publish, periodic,
				interval);
		add(topics, "@WampTopic", new Registration(pattern, description, (server) -> server.topic(pattern, handler)));
	}

	/**
	 * Topic hooks on a bean that is not a {@code @WampTopic} would never run: a start-up
	 * failure says so rather than leaving the application to wonder why.
	 */
	private void checkNoTopicHooks(String beanName, Class<?> beanType) {
		Set<Method> hooks = MethodIntrospector.selectMethods(beanType,
				(ReflectionUtils.MethodFilter) (method) -> TOPIC_HOOKS.stream()
					.anyMatch((hook) -> AnnotatedElementUtils.hasAnnotation(method, hook)));
		if (!hooks.isEmpty()) {
			Method hook = hooks.iterator().next();
			String annotation = TOPIC_HOOKS.stream()
				.filter((type) -> AnnotatedElementUtils.hasAnnotation(hook, type))
				.map((type) -> "@" + type.getSimpleName())
				.findFirst()
				.orElse("A topic hook");
			throw new WampConfigurationException(
					annotation + " " + BeanMethod.describe(beanName, beanType, hook)
							+ " never runs: its class is not a @WampTopic bean.",
					"Add @WampTopic(\"<topic pattern>\") to " + ClassUtils.getShortName(beanType)
							+ ", or remove the annotation from the method.");
		}
	}

	private TopicMethodHandler.@Nullable Bound bind(Object bean, String beanName, Class<?> beanType,
			Class<? extends Annotation> annotation, ParameterBinding.Kind kind, UriPattern pattern,
			boolean blockingClass) {
		Set<Method> methods = MethodIntrospector.selectMethods(beanType,
				(ReflectionUtils.MethodFilter) (method) -> AnnotatedElementUtils.hasAnnotation(method, annotation));
		if (methods.isEmpty()) {
			return null;
		}
		if (methods.size() > 1) {
			List<String> names = new ArrayList<>();
			methods.forEach((method) -> names.add(BeanMethod.describe(beanName, beanType, method)));
			names.sort(null);
			throw new WampConfigurationException(
					"@WampTopic bean '" + beanName + "' (" + ClassUtils.getShortName(beanType) + ") declares "
							+ methods.size() + " " + kind.annotation() + " methods, at most one is allowed: "
							+ String.join(", ", names) + ".",
					"Keep one " + kind.annotation() + " method on the bean and merge the others into it.");
		}
		Method method = methods.iterator().next();
		BeanMethod beanMethod = new BeanMethod(bean, beanName, beanType, method);
		boolean blocking = AnnotatedElementUtils.hasAnnotation(method, Blocking.class);
		if (blocking && (kind == ParameterBinding.Kind.SUBSCRIBE || kind == ParameterBinding.Kind.PUBLISH)) {
			throw new WampConfigurationException(
					kind.annotation() + " " + beanMethod.description()
							+ ": cannot be @Blocking, it decides synchronously on the I/O thread.",
					"Remove @Blocking from the method and move blocking work to a @Blocking @WampRpc method or a scheduler.");
		}
		ParameterBinding binding = ParameterBinding.of(beanMethod, kind, pattern, this.jsonMapper,
				this.conversionService);
		return new TopicMethodHandler.Bound(beanMethod, binding,
				(blocking || blockingClass) ? this.blockingScheduler : null);
	}

	private Duration interval(BeanMethod method) {
		Periodic periodic = AnnotatedElementUtils.findMergedAnnotation(method.method(), Periodic.class);
		String value = (periodic != null) ? periodic.value() : "";
		if (this.beanFactory instanceof ConfigurableBeanFactory configurable) {
			String resolved = configurable.resolveEmbeddedValue(value);
			value = (resolved != null) ? resolved : value;
		}
		Duration interval;
		try {
			interval = DurationStyle.detectAndParse(value.trim(), ChronoUnit.MILLIS);
		}
		catch (RuntimeException ex) {
			throw new WampConfigurationException(
					"@Periodic " + method.description() + ": invalid interval '" + value + "'.",
					"Use a duration such as \"500ms\", \"1s\" or \"PT2S\" (a placeholder must resolve to one).");
		}
		if (interval.isNegative() || interval.isZero()) {
			throw new WampConfigurationException(
					"@Periodic " + method.description() + ": the interval must be positive, not '" + value + "'.",
					"Use a positive duration such as \"500ms\" or \"1s\".");
		}
		return interval;
	}

	private static void checkReturnTypes(TopicMethodHandler.@Nullable Bound subscribe,
			TopicMethodHandler.@Nullable Bound periodic) {
		if (subscribe != null) {
			Class<?> type = subscribe.method().method().getReturnType();
			if (type != void.class && type != boolean.class && type != Boolean.class) {
				throw new WampConfigurationException(
						"@OnSubscribe " + subscribe.method().description() + ": must return void or boolean, not "
								+ type.getSimpleName() + ".",
						"Return void to accept every subscription, or boolean (false refuses it).");
			}
		}
		if (periodic != null && periodic.method().method().getReturnType() == void.class) {
			throw new WampConfigurationException(
					"@Periodic " + periodic.method().description() + ": returns void, so it has nothing to broadcast.",
					"Return the event to broadcast (null for none on a tick).");
		}
	}

	/**
	 * Parses a pattern once; every later step (binding, duplicates, the router) uses it.
	 */
	private static UriPattern checkPattern(String pattern, String annotation, String description) {
		try {
			if (pattern.isBlank()) {
				throw new IllegalArgumentException("the pattern is empty");
			}
			return UriPattern.parse(pattern);
		}
		catch (IllegalArgumentException ex) {
			throw new WampConfigurationException(
					"Invalid " + annotation + " URI pattern '" + pattern + "' of " + description + ": "
							+ ex.getMessage() + ".",
					"Fix the pattern: literal segments and variables written {name} or {name:regex}, "
							+ "e.g. \"chat/{room}\" or \"calc/{op:[a-z]+}\".");
		}
	}

	private static void add(Map<String, Registration> registrations, String annotation, Registration registration) {
		Registration existing = registrations.putIfAbsent(registration.pattern().canonical(), registration);
		if (existing != null) {
			String first = existing.pattern().pattern();
			String second = registration.pattern().pattern();
			String same = first.equals(second) ? "'" + second + "'"
					: "'" + first + "' and '" + second + "' (equivalent)";
			throw new WampConfigurationException(
					"Duplicate " + annotation + " URI pattern " + same + ": " + existing.description() + " and "
							+ registration.description() + ".",
					"Give each handler its own URI pattern, or remove one of them.");
		}
	}

	/** A handler ready to register, with what names it in failure messages. */
	private record Registration(UriPattern pattern, String description,
			java.util.function.Consumer<WampServer> registrar) {

		void register(WampServer server) {
			try {
				this.registrar.accept(server);
			}
			catch (IllegalArgumentException ex) {
				throw new WampConfigurationException(
						"Cannot register URI pattern '" + this.pattern.pattern() + "' of " + this.description + ": "
								+ ex.getMessage() + ".",
						"Give the handler a pattern no other handler (annotated or registered by a "
								+ "WampServerCustomizer) uses.",
						ex);
			}
		}
	}

}
