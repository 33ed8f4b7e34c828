package dev.websocket.server.connection;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameTests {

	@Test
	void textFrameCarriesItsUtf8BytesAndCountsThemAsItsSize() {
		String text = "[8,\"chat/caf\u00e9\",\"\uD83D\uDE00\"]";
		Frame.Text frame = Frame.text(text);
		assertThat(frame.text()).isEqualTo(text);
		assertThat(frame.utf8()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
		assertThat(frame.size()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(text.length());
	}

	@Test
	void controlAndBinaryFramesCountTheirPayload() {
		assertThat(new Frame.Binary(new byte[7]).size()).isEqualTo(7);
		assertThat(new Frame.Ping(new byte[3]).size()).isEqualTo(3);
		assertThat(new Frame.Pong(new byte[0]).size()).isZero();
	}

}
