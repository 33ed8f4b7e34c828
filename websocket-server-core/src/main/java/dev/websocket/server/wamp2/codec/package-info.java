/**
 * Encoding and validating WAMP v2 messages ({@code wamp.2.json} and {@code wamp.2.cbor}).
 */
@NullMarked
package dev.websocket.server.wamp2.codec;

import org.jspecify.annotations.NullMarked;
