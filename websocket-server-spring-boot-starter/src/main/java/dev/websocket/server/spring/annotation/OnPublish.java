package dev.websocket.server.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks the method of a {@link WampTopic @WampTopic} bean called for each PUBLISH from a
 * client to one of its topics. Parameters as for {@link OnSubscribe @OnSubscribe} (the
 * connection is the publisher), plus the
 * {@link dev.websocket.server.wamp.topic.Publication} and at most one unannotated
 * parameter that receives the event converted to its type.
 *
 * <p>
 * Returning {@code void} delivers the publication unchanged; returning a
 * {@code Publication} delivers that one ({@code null} drops it); returning anything else
 * delivers that value as the event in place of the published one ({@code null} drops it).
 * It runs on the I/O thread and must not block.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Reflective(WampHandlerReflectiveProcessor.class)
@Documented
public @interface OnPublish {

}
