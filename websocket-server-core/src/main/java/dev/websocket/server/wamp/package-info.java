/** The WAMP v1 view of a connection, and the errors a call can answer with. */
@NullMarked
package dev.websocket.server.wamp;

import org.jspecify.annotations.NullMarked;
