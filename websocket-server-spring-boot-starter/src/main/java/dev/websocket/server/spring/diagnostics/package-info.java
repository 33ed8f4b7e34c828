/**
 * Start-up failures of the WAMP starter, reported by Spring Boot as a short Description
 * and Action instead of a stack trace.
 */
@NullMarked
package dev.websocket.server.spring.diagnostics;

import org.jspecify.annotations.NullMarked;
