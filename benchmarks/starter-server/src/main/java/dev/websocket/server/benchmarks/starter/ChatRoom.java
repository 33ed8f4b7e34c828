package dev.websocket.server.benchmarks.starter;

import dev.websocket.server.spring.annotation.WampTopic;

/**
 * Topic {@code chat/{room}}: anyone may subscribe and publish; publications are broadcast
 * as they are, honoring excludeMe, exclude and eligible.
 */
@WampTopic("chat/{room}")
final class ChatRoom {

}
