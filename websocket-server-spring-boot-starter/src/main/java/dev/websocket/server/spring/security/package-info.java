/**
 * Authorization of WAMP actions per URI with Spring Security's authorization managers.
 */
@NullMarked
package dev.websocket.server.spring.security;

import org.jspecify.annotations.NullMarked;
