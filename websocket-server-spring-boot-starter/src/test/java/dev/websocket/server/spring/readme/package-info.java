/**
 * The root README's "ten lines" example, declared exactly as printed and served over a
 * real socket.
 */
@NullMarked
package dev.websocket.server.spring.readme;

import org.jspecify.annotations.NullMarked;
