/**
 * The README's authentication snippets, compiled as they are shown (outside the README
 * application's scan, so they configure only the tests that ask for them).
 */
@NullMarked
package dev.websocket.server.spring.readmeauth;

import org.jspecify.annotations.NullMarked;
