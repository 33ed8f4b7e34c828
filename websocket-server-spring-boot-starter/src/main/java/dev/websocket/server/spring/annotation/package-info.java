/**
 * Annotated WAMP handlers: {@code @WampRpc} and {@code @WampTopic} beans, discovered at
 * start-up.
 */
@NullMarked
package dev.websocket.server.spring.annotation;

import org.jspecify.annotations.NullMarked;
