/** Encoding and decoding of WAMP v1 messages to and from JSON text, with Jackson 3. */
@NullMarked
package dev.websocket.server.wamp.codec;

import org.jspecify.annotations.NullMarked;
