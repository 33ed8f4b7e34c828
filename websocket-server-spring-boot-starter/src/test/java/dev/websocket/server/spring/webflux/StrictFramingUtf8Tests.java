package dev.websocket.server.spring.webflux;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strict decoder's UTF-8 check against the JDK's strict UTF-8 decoder: every sequence
 * of up to three bytes, every four-byte sequence with a lead byte that can start one, and
 * random texts of valid and invalid bytes, each whole and split in two at every point.
 */
class StrictFramingUtf8Tests {

	/**
	 * Around every boundary of the continuation ranges (0x80 to 0xBF, narrower after E0,
	 * ED, F0, F4).
	 */
	private static final int[] EDGES = { 0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF };

	@Test
	void agreesWithTheJdkOnEverySequenceOfUpToTwoBytes() {
		for (int a = 0; a < 256; a++) {
			check(new byte[] { (byte) a });
			for (int b = 0; b < 256; b++) {
				check(new byte[] { (byte) a, (byte) b });
			}
		}
	}

	@Test
	void agreesWithTheJdkOnThreeAndFourByteSequences() {
		for (int a = 0xC0; a < 256; a++) {
			for (int b = 0; b < 256; b++) {
				for (int c : EDGES) {
					checkWhole(new byte[] { (byte) a, (byte) b, (byte) c });
				}
			}
			for (int b : EDGES) {
				for (int c : EDGES) {
					for (int d : EDGES) {
						checkWhole(new byte[] { (byte) a, (byte) b, (byte) c, (byte) d });
					}
				}
			}
		}
		check(new byte[] { (byte) 0xE2, (byte) 0x82, (byte) 0xAC });
		check(new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 });
		check(new byte[] { (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80 });
		check(new byte[] { (byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF });
		check(new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 });
	}

	@Test
	void agreesWithTheJdkOnRandomTexts() {
		SplittableRandom random = new SplittableRandom(42);
		String[] pieces = { "a", "[2,\"call\",", "\u00e9", "\u20ac", "\ud83d\ude00", "\uffff", "0123456789abcdef" };
		for (int round = 0; round < 5_000; round++) {
			StringBuilder text = new StringBuilder();
			int count = random.nextInt(12);
			for (int i = 0; i < count; i++) {
				text.append(pieces[random.nextInt(pieces.length)]);
			}
			byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
			if (bytes.length > 0 && random.nextBoolean()) {
				// one byte of it made anything
				bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
			}
			check(bytes);
		}
	}

	/** The bytes as one message and as two fragments split at every point. */
	private static void check(byte[] bytes) {
		checkWhole(bytes);
		boolean valid = isUtf8(bytes);
		for (int split = 0; split <= bytes.length; split++) {
			int first = utf8(bytes, 0, split, StrictFraming.UTF8_COMPLETE);
			int state = (first == StrictFraming.UTF8_INVALID) ? first : utf8(bytes, split, bytes.length - split, first);
			assertThat(state == StrictFraming.UTF8_COMPLETE).as(describe(bytes) + " split at " + split)
				.isEqualTo(valid);
			if (first == StrictFraming.UTF8_INVALID) {
				// refused at the first fragment only when no continuation can mend it
				assertThat(valid).isFalse();
			}
		}
	}

	private static void checkWhole(byte[] bytes) {
		int state = utf8(bytes, 0, bytes.length, StrictFraming.UTF8_COMPLETE);
		assertThat(state == StrictFraming.UTF8_COMPLETE).as(describe(bytes)).isEqualTo(isUtf8(bytes));
	}

	private static int utf8(byte[] bytes, int offset, int length, int state) {
		ByteBuf buffer = Unpooled.wrappedBuffer(bytes, offset, length);
		try {
			int result = StrictFraming.utf8(buffer, state);
			assertThat(buffer.readerIndex()).isZero();
			return result;
		}
		finally {
			buffer.release();
		}
	}

	private static boolean isUtf8(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private static String describe(byte[] bytes) {
		StringBuilder hex = new StringBuilder();
		for (byte b : bytes) {
			hex.append(String.format("%02X ", b & 0xFF));
		}
		return hex.toString().trim();
	}

}
