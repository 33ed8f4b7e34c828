/** Auto-configuration of a WAMP v1 endpoint on Spring WebFlux, and its properties. */
@NullMarked
package dev.websocket.server.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
