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
		byte[] bytes = this.codec.encode("node1", 7, new Publication("chat/lobby", event));
		assertThat(new String(bytes, StandardCharsets.UTF_8))
			.isEqualTo("{\"o\":\"node1\",\"s\":7,\"t\":\"chat/lobby\",\"e\":{\"text\":\"hi\",\"n\":1}}");
	}

	@Test
	void roundTripKeepsExcludeEligibleUserAndEvent() {
		Publication sent = new Publication("http://example.com/chat#room", List.of(1, "two", Map.of("three", 3)),
				Set.of("s1", "s2"), Set.of("s3"), "alice");
		RedisEnvelope envelope = this.codec.decode(this.codec.encode("node1", 7, sent), "node2");
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
		RedisEnvelope envelope = this.codec.decode(this.codec.encode("node1", 7, new Publication("t", null)), "node2");
		assertThat(envelope).isNotNull();
		assertThat(envelope.publication()).isEqualTo(new Publication("t", null));
	}

	@Test
	void eventAlreadyReadAsJsonIsWrittenUnchanged() {
		JsonNode event = this.mapper.readTree("[\"a\",{\"b\":null}]");
		RedisEnvelope envelope = this.codec.decode(this.codec.encode("node1", 7, new Publication("t", event)), "node2");
		assertThat(envelope).isNotNull();
		assertThat(envelope.publication().event()).isEqualTo(event);
	}

	@Test
	void roundTripKeepsTheSequence() {
		RedisEnvelope envelope = this.codec.decode(this.codec.encode("node1", 42, new Publication("t", "x")), "node2");
		assertThat(envelope).isNotNull();
		assertThat(envelope.sequence()).isEqualTo(42);
	}

	@Test
	void roundTripKeepsWhatAV2PublisherAdded() {
		JsonNode args = this.mapper.readTree("[1,\"two\"]");
		Map<String, JsonNode> kwargs = Map.of("k", this.mapper.readTree("{\"deep\":[true]}"));
		List<JsonNode> arguments = List.of(args.get(0), args.get(1));
		Publication.Wamp2 wamp2 = new Publication.Wamp2(123456789L, arguments, kwargs, 987L, "joe", "user",
				Set.of("peter"), Set.of("joe", "ann"), Set.of("guest"), Set.of("user"));
		Publication sent = new Publication("room", this.mapper.readTree("{\"args\":[1,\"two\"],\"kwargs\":{}}"),
				Set.of("55"), null, null, wamp2);
		RedisEnvelope envelope = this.codec.decode(this.codec.encode("node1", 1, sent), "node2");
		assertThat(envelope).isNotNull();
		assertThat(envelope.publication()).isEqualTo(sent);
	}

	@Test
	void roundTripKeepsASinglePositionalV2PublicationAndAnUndisclosedPublisher() {
		Publication.Wamp2 wamp2 = new Publication.Wamp2(5L, null, Map.of(), 0, null, null, Set.of(), null, Set.of(),
				null);
		Publication sent = new Publication("room", this.mapper.readTree("\"hi\""), Set.of(), null, null, wamp2);
		byte[] bytes = this.codec.encode("node1", 1, sent);
		assertThat(new String(bytes, StandardCharsets.UTF_8)).endsWith(",\"e\":\"hi\",\"w\":{\"i\":5}}");
		RedisEnvelope envelope = this.codec.decode(bytes, "node2");
		assertThat(envelope).isNotNull();
		assertThat(envelope.publication()).isEqualTo(sent);
	}

	@Test
	void numbersCrossExactlyAsWritten() {
		// the event as the v1 codec reads it: BigDecimals as written
		JsonNode event = JsonMapper.builder()
			.enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.disable(tools.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
			.build()
			.readTree("[1e400,0.10,123456789012345678901234567890]");
		byte[] bytes = this.codec.encode("node1", 1, new Publication("t", event));
		RedisEnvelope envelope = this.codec.decode(bytes, "node2");
		assertThat(envelope).isNotNull();
		assertThat(this.mapper.writeValueAsString(envelope.publication().event()))
			.isEqualTo("[1E+400,0.10,123456789012345678901234567890]");
	}

	@Test
	void ownEnvelopeIsSkipped() {
		assertThat(this.codec.decode(this.codec.encode("node1", 7, new Publication("t", "x")), "node1")).isNull();
	}

	@Test
	void malformedEnvelopeIsRejected() {
		assertThatException().isThrownBy(() -> this.codec.decode(bytes("[1,2]"), "node1"));
		assertThatException().isThrownBy(() -> this.codec.decode(bytes("{\"t\":\"x\"}"), "node1"));
		assertThatException()
			.isThrownBy(() -> this.codec.decode(bytes("{\"o\":\"n\",\"t\":\"x\",\"x\":[1]}"), "node1"));
		assertThatException().isThrownBy(() -> this.codec.decode(bytes("{\"o\":"), "node1"));
		assertThatException()
			.isThrownBy(() -> this.codec.decode(bytes("{\"o\":\"n\",\"s\":\"1\",\"t\":\"x\"}"), "node1"));
		assertThatException()
			.isThrownBy(() -> this.codec.decode(bytes("{\"o\":\"n\",\"t\":\"x\",\"w\":{\"a\":{}}}"), "node1"));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
