/**
 * This server under test: a Spring Boot application on the starter with the benchmark's
 * surface.
 */
@NullMarked
package dev.websocket.server.benchmarks.starter;

import org.jspecify.annotations.NullMarked;
