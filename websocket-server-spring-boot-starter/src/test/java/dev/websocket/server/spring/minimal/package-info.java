/**
 * A WebFlux application with only the starter on its class path, one procedure bean and
 * one topic bean.
 */
@NullMarked
package dev.websocket.server.spring.minimal;

import org.jspecify.annotations.NullMarked;
