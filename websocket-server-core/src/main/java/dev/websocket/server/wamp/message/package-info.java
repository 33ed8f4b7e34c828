/**
 * The nine WAMP v1 messages as immutable records, one per type id.
 *
 * @see <a href="https://wamp-proto.org/wamp_spec_v1.html">WAMP v1 specification</a>
 */
@NullMarked
package dev.websocket.server.wamp.message;

import org.jspecify.annotations.NullMarked;
