package dev.websocket.server.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks the method of a {@link WampTopic @WampTopic} bean called after a connection left
 * one of its topics, by UNSUBSCRIBE or by closing. Parameters as for
 * {@link OnSubscribe @OnSubscribe}; the return value is ignored. It runs on the I/O
 * thread unless annotated {@link Blocking @Blocking}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Reflective(WampHandlerReflectiveProcessor.class)
@Documented
public @interface OnUnsubscribe {

}
