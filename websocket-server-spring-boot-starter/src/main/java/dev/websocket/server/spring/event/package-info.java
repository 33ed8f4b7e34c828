/** Spring application events for what happens on WAMP connections. */
@NullMarked
package dev.websocket.server.spring.event;

import org.jspecify.annotations.NullMarked;
