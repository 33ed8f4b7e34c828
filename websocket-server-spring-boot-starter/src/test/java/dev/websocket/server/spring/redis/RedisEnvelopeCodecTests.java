package dev.websocket.server.spring.redis;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.websocket.server.wamp.topic.Publication;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class RedisEnvelopeCodecTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final RedisEnvelopeCodec codec = new RedisEnvelopeCodec(this.mapper);

	@Test
	void writesACompactEnvelopeWithTheEventAsJson() {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("text", "hi");
		event.put("n", 1);
		byte[] bytes = this.codec.encode("node1", new Publication("chat/lobby", event));
		assertThat(new String(bytes, StandardCharsets.UTF_8))
			.isEqualTo("{\"o\":\"node1\",\"t\":\"chat/lobby\",\"e\":{\"text\":\"hi\",\"n\":1}}");
	}

	@Test
	void roundTripKeepsExcludeEligibleUserAndEvent() {
		Publication sent = new Publication("http://example.com/chat#room", List.of(1, "two", Map.of("three", 3)),
				Set.of("s1", "s2"), Set.of("s3"), "alice");
		RedisEnvelope envelope = this.codec.decode(this.codec.encode("node1", sent), "node2");
		assertThat(envelope).isNotNull();
		assertThat(envelope.origin()).isEqualTo("node1");
		Publication received = envelope.publication();
		assertThat(received.topicUri()).isEqualTo(sent.topicUri());
		assertThat(received.exclude()).isEqualTo(sent.exclude());
		assertThat(received.eligible()).isEqualTo(sent.eligible());
		assertThat(received.user()).isEqualTo("alice");
		assertThat(received.event()).isEqualTo(this.mapper.valueToTree(sent.event()));
	}

	@Test
	void roundTripKeepsAbsentEligibleAndNullEvent() {
		RedisEnvelope envelope = this.codec.decode(this.codec.encode("node1", new Publication("t", null)), "node2");
		assertThat(envelope).isNotNull();
		assertThat(envelope.publication()).isEqualTo(new Publication("t", null));
	}

	@Test
	void eventAlreadyReadAsJsonIsWrittenUnchanged() {
		JsonNode event = this.mapper.readTree("[\"a\",{\"b\":null}]");
		RedisEnvelope envelope = this.codec.decode(this.codec.encode("node1", new Publication("t", event)), "node2");
		assertThat(envelope).isNotNull();
		assertThat(envelope.publication().event()).isEqualTo(event);
	}

	@Test
	void ownEnvelopeIsSkipped() {
		assertThat(this.codec.decode(this.codec.encode("node1", new Publication("t", "x")), "node1")).isNull();
	}

	@Test
	void malformedEnvelopeIsRejected() {
		assertThatException().isThrownBy(() -> this.codec.decode(bytes("[1,2]"), "node1"));
		assertThatException().isThrownBy(() -> this.codec.decode(bytes("{\"t\":\"x\"}"), "node1"));
		assertThatException()
			.isThrownBy(() -> this.codec.decode(bytes("{\"o\":\"n\",\"t\":\"x\",\"x\":[1]}"), "node1"));
		assertThatException().isThrownBy(() -> this.codec.decode(bytes("{\"o\":"), "node1"));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
