/**
 * The ceiling of the benchmark: a minimal WAMP v1 server written directly on Reactor
 * Netty.
 */
@NullMarked
package dev.websocket.server.benchmarks.ceiling;

import org.jspecify.annotations.NullMarked;
