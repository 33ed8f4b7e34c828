package dev.websocket.server.spring.redis;

import dev.websocket.server.wamp.topic.Publication;

/**
 * A publication as it travels between nodes, with the node that published it.
 *
 * @param origin the id of the publishing node
 * @param publication the publication; its event is a {@code JsonNode} (or {@code null})
 * once decoded
 */
record RedisEnvelope(String origin, Publication publication) {
}
