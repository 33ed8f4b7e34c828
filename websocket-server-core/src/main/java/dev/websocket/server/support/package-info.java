/**
 * Small helpers shared by the engine, the client and the starter (failure unwrapping,
 * random ids); not an API for applications.
 */
@NullMarked
package dev.websocket.server.support;

import org.jspecify.annotations.NullMarked;
