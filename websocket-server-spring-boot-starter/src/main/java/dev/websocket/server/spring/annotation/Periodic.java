package dev.websocket.server.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a method of a {@link WampTopic @WampTopic} bean that runs at a fixed interval for
 * each topic of the pattern while that topic has subscribers on this node (one timer per
 * topic); what it returns, when not {@code null}, is broadcast to the topic's
 * subscribers. Parameters may be the {@link dev.websocket.server.wamp.topic.Topic} and
 * {@link UriVariable @UriVariable}s. It must not block, unless annotated
 * {@link Blocking @Blocking}: then it runs on the bounded elastic scheduler, and a tick
 * is skipped while the previous run for the same topic is still going (slow runs do not
 * pile up).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Reflective(WampHandlerReflectiveProcessor.class)
@Documented
public @interface Periodic {

	/**
	 * The interval: a number with a unit ({@code "500ms"}, {@code "1s"}, {@code "2m"}) or
	 * an ISO-8601 duration ({@code "PT2S"}); a bare number is milliseconds. Property
	 * placeholders such as {@code "${chat.tick:1s}"} are resolved.
	 */
	String value();

}
