/**
 * WAMP-CRA, the challenge-response authentication of WAMP v1 clients as AutobahnJS 0.8
 * and AutobahnPython 0.8 speak it: the {@code authreq} and {@code auth} procedures, the
 * key derivation and signatures, and what an authenticated connection may do.
 */
@NullMarked
package dev.websocket.server.wamp.auth;

import org.jspecify.annotations.NullMarked;
