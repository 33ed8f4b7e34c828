/**
 * The load generator and runner of the benchmark: starts each server under test, drives
 * the scenarios over real WebSocket connections and prints the comparison table.
 */
@NullMarked
package dev.websocket.server.benchmarks.harness;

import org.jspecify.annotations.NullMarked;
