package dev.websocket.server.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a {@link WampRpc @WampRpc}, {@link OnUnsubscribe @OnUnsubscribe} or
 * {@link Periodic @Periodic} method blocks (JDBC, a blocking HTTP client, file I/O): it
 * then runs on a bounded elastic scheduler and its result is delivered asynchronously
 * (the CALL result, or the periodic event). On a class, it applies to every such method
 * of that class. Handler methods without it run on the I/O thread and must not block.
 *
 * <p>
 * {@link OnSubscribe @OnSubscribe} and {@link OnPublish @OnPublish} methods decide
 * synchronously and cannot be blocking: annotating one fails the start.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Blocking {

}
