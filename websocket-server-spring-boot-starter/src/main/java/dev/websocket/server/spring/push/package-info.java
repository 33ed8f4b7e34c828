/** Server push: publish WAMP events from any bean through the broker. */
@NullMarked
package dev.websocket.server.spring.push;

import org.jspecify.annotations.NullMarked;
