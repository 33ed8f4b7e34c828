/**
 * The broker SPI that carries publications between server nodes, and its in-memory
 * default.
 */
@NullMarked
package dev.websocket.server.broker;

import org.jspecify.annotations.NullMarked;
