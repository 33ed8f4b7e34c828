/**
 * Test support shared with other modules: tests fail when Netty reports a leaked buffer.
 */
@NullMarked
package dev.websocket.server.testing.leak;

import org.jspecify.annotations.NullMarked;
