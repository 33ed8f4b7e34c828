package dev.websocket.server.spring.annotation;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.CompletionStage;

import dev.websocket.server.connection.AttributeStore;
import dev.websocket.server.connection.Connection;
import dev.websocket.server.wamp.rpc.RpcInvocation;
import dev.websocket.server.wamp.topic.Publication;
import dev.websocket.server.wamp.topic.Topic;
import org.reactivestreams.Publisher;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.annotation.ReflectiveProcessor;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;

/**
 * Reachability hints for a native image, for each method annotated {@link WampRpc},
 * {@link OnSubscribe}, {@link OnUnsubscribe}, {@link OnPublish} or {@link Periodic} on a
 * bean: the method is invoked reflectively, and Jackson binds its CALL-argument and event
 * parameters and its result (records, collections and their element types included; the
 * value of a {@code Mono}, {@code Flux} or {@code CompletionStage}). Parameters the
 * server provides (the connection, principal, topic, invocation, publication, attribute
 * store) and URI variables, converted from text, need no binding hints.
 */
final class WampHandlerReflectiveProcessor implements ReflectiveProcessor {

	private static final List<Class<?>> PROVIDED = List.of(Connection.class, Principal.class, AttributeStore.class,
			RpcInvocation.class, Topic.class, Publication.class);

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	public void registerReflectionHints(ReflectionHints hints, AnnotatedElement element) {
		if (element instanceof Method method) {
			hints.registerMethod(method, ExecutableMode.INVOKE);
			for (int i = 0; i < method.getParameterCount(); i++) {
				MethodParameter parameter = new MethodParameter(method, i);
				if (!parameter.hasParameterAnnotation(UriVariable.class) && !isProvided(parameter.getParameterType())) {
					this.bindings.registerReflectionHints(hints, parameter.getGenericParameterType());
				}
			}
			registerResult(hints, ResolvableType.forMethodReturnType(method));
		}
	}

	/**
	 * The type Jackson writes: the value of an asynchronous result, nothing for void. A
	 * generic type is registered with its resolved type arguments, since the type
	 * variables of {@code Mono<T>} mean nothing to the binding registrar.
	 */
	private void registerResult(ReflectionHints hints, ResolvableType type) {
		Class<?> raw = type.resolve();
		if (raw == null || raw == void.class || raw == Void.class) {
			return;
		}
		if (Publisher.class.isAssignableFrom(raw)) {
			registerResult(hints, type.as(Publisher.class).getGeneric(0));
		}
		else if (CompletionStage.class.isAssignableFrom(raw)) {
			registerResult(hints, type.as(CompletionStage.class).getGeneric(0));
		}
		else {
			this.bindings.registerReflectionHints(hints, raw);
			for (ResolvableType generic : type.getGenerics()) {
				registerResult(hints, generic);
			}
		}
	}

	private static boolean isProvided(Class<?> type) {
		return PROVIDED.stream().anyMatch((provided) -> provided.isAssignableFrom(type));
	}

}
