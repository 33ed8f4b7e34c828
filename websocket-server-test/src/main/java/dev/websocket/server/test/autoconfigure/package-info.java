/**
 * {@link dev.websocket.server.test.autoconfigure.AutoConfigureWampTester}: a
 * {@link dev.websocket.server.test.WampTester} for {@code @SpringBootTest} with a running
 * server.
 */
@NullMarked
package dev.websocket.server.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
