/**
 * Micrometer Observations of CALLs ({@code wamp.call}) and client publications
 * ({@code wamp.publish}), with conventions the application can replace.
 */
@NullMarked
package dev.websocket.server.spring.observation;

import org.jspecify.annotations.NullMarked;
