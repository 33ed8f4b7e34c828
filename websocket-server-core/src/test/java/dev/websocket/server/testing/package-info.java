/**
 * Test support shared with other modules: an in-memory transport for {@code WampServer},
 * a Netty test server, and {@link dev.websocket.server.testing.Cleanups} for what a test
 * opened.
 */
@NullMarked
package dev.websocket.server.testing;

import org.jspecify.annotations.NullMarked;
