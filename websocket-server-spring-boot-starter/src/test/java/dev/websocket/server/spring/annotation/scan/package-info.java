/** A component-scanned topic bean for the discovery tests. */
@NullMarked
package dev.websocket.server.spring.annotation.scan;

import org.jspecify.annotations.NullMarked;
