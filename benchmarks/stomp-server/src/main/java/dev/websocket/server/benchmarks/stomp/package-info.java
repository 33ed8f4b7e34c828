/**
 * The Spring STOMP server the benchmark measures this server against.
 */
@NullMarked
package dev.websocket.server.benchmarks.stomp;

import org.jspecify.annotations.NullMarked;
