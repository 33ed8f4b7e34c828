package dev.websocket.server.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks the method of a {@link WampTopic @WampTopic} bean called before a connection
 * joins one of its topics. Parameters may be the
 * {@link dev.websocket.server.wamp.WampConnection}, the
 * {@link dev.websocket.server.wamp.topic.Topic}, a {@link java.security.Principal}, the
 * {@link dev.websocket.server.connection.AttributeStore} and
 * {@link UriVariable @UriVariable}s. Returning {@code void} accepts the subscription;
 * returning {@code boolean false} refuses it. It runs on the I/O thread and must not
 * block.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Reflective(WampHandlerReflectiveProcessor.class)
@Documented
public @interface OnSubscribe {

}
