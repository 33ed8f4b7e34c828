/**
 * Test support shared with other modules: an in-memory transport for {@code WampServer}.
 */
@NullMarked
package dev.websocket.server.testing;

import org.jspecify.annotations.NullMarked;
