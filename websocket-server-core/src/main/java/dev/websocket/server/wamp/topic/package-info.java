/** Topics, their subscribers, and the topic handler SPI. */
@NullMarked
package dev.websocket.server.wamp.topic;

import org.jspecify.annotations.NullMarked;
