package dev.websocket.server.spring.redis;

import dev.websocket.server.wamp.topic.Publication;

/**
 * A publication as it travels between nodes, with the node that published it.
 *
 * @param origin the id of the publishing node
 * @param sequence the publishing node's number for it, telling apart the copies Redis
 * delivers once per matching channel and pattern
 * @param publication the publication; its event (and a v2 publisher's arguments) are
 * {@code JsonNode}s once decoded
 */
record RedisEnvelope(String origin, long sequence, Publication publication) {
}
