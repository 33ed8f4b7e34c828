package dev.websocket.server.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a bean method that answers WAMP v1 CALLs to the procedures of a URI pattern, such
 * as {@code @WampRpc("sample/sum")} or {@code @WampRpc("calc/{op}")}. On a class, the
 * value is a prefix put before the pattern of each annotated method of that class
 * ({@code @WampRpc("sample/")} on the class and {@code @WampRpc("sum")} on a method
 * register {@code sample/sum}).
 *
 * <p>
 * Parameters may be the {@link dev.websocket.server.wamp.WampConnection}, a
 * {@link java.security.Principal} (the caller's user, {@code null} when anonymous), the
 * {@link dev.websocket.server.connection.AttributeStore}, the
 * {@link dev.websocket.server.wamp.rpc.RpcInvocation}, {@link UriVariable @UriVariable}
 * variables of the pattern; every other parameter receives a CALL argument by position,
 * converted by the application's Jackson mapper to the declared type. A method whose only
 * argument parameter is a collection or an array receives the argument list: the sole
 * argument when exactly one JSON array was sent, otherwise all arguments. When several
 * argument parameters are declared and exactly one JSON array was sent, its elements are
 * the arguments. A trailing {@code Optional} parameter may be omitted by the caller. Too
 * few or too many arguments, or one that does not convert, are answered with an
 * {@code InvalidArgument} CALLERROR naming the argument.
 *
 * <p>
 * The method may return a value, a {@code Mono}, a {@code CompletionStage}, a
 * {@code Flux} (its elements are collected into a JSON array) or {@code void} (the result
 * is {@code null}). A thrown {@link dev.websocket.server.wamp.WampException} answers its
 * CALLERROR; any other exception a generic one. The method runs on the I/O thread unless
 * annotated {@link Blocking @Blocking}.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Reflective(WampHandlerReflectiveProcessor.class)
@Documented
public @interface WampRpc {

	/** The procedure URI pattern, or on a class the prefix of its methods' patterns. */
	String value();

}
