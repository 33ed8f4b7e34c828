/**
 * A Redis pub/sub broker that lets several server instances share topics, and its
 * auto-configuration.
 */
@NullMarked
package dev.websocket.server.spring.redis;

import org.jspecify.annotations.NullMarked;
