/**
 * A Java WAMP v1 client over the JDK's {@code java.net.http.WebSocket}, for tests,
 * benchmarks and applications.
 */
@NullMarked
package dev.websocket.server.client;

import org.jspecify.annotations.NullMarked;
