/** The remote procedure SPI: a handler per URI pattern. */
@NullMarked
package dev.websocket.server.wamp.rpc;

import org.jspecify.annotations.NullMarked;
