/**
 * JMH micro-benchmarks of the hot paths: the WAMP codec and the broadcast path of the
 * engine.
 */
@NullMarked
package dev.websocket.server.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
