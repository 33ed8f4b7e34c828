package dev.websocket.server.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean that handles the WAMP v1 topics of a URI pattern, such as
 * {@code @WampTopic("chat/{room}")}. It is a {@link Component @Component}, so component
 * scanning finds it. Its methods annotated {@link OnSubscribe @OnSubscribe},
 * {@link OnUnsubscribe @OnUnsubscribe}, {@link OnPublish @OnPublish} and
 * {@link Periodic @Periodic} (at most one of each) hook into the topic's life; without an
 * {@code @OnPublish} method, every publication is delivered as it is.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface WampTopic {

	/** The topic URI pattern. */
	@AliasFor("pattern")
	String value() default "";

	/** The topic URI pattern (an alias for {@link #value()}). */
	@AliasFor("value")
	String pattern() default "";

	/**
	 * The bean name, if a specific one is wanted; generated from the class name
	 * otherwise.
	 */
	@AliasFor(annotation = Component.class, attribute = "value")
	String name() default "";

}
