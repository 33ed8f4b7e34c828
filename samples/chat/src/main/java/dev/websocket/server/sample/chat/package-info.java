/**
 * The chat sample: a Spring Boot app that uses the websocket-server starter the way a
 * user would.
 */
@NullMarked
package dev.websocket.server.sample.chat;

import org.jspecify.annotations.NullMarked;
