/**
 * {@link dev.websocket.server.test.WampTester}: calls, subscriptions and publications
 * against a running WAMP server, with assertions on what comes back.
 */
@NullMarked
package dev.websocket.server.test;

import org.jspecify.annotations.NullMarked;
