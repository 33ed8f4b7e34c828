/** URI patterns with placeholders and the router that picks the most specific match. */
@NullMarked
package dev.websocket.server.wamp.routing;

import org.jspecify.annotations.NullMarked;
