package dev.websocket.server.testing.leak;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leak guard itself: the build runs the tests with paranoid leak detection, and a
 * buffer that is dropped without being released is reported with its access records. The
 * deliberate leak is taken by {@link NettyLeaks#check()} here, so the class passes.
 */
class NettyLeaksTests {

	private static final String HINT = "leaked on purpose by NettyLeaksTests";

	@Test
	void testsRunWithParanoidLeakDetection() {
		assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
		assertThat(NettyLeaks.installed()).isTrue();
	}

	@Test
	void aBufferDroppedWithoutReleaseIsReportedWithItsAccessRecords() {
		List<NettyLeaks.Leak> earlier = NettyLeaks.check();
		assertThat(earlier).as(() -> NettyLeaks.describe(earlier, "the tests before NettyLeaksTests")).isEmpty();

		leakOneBuffer();
		List<NettyLeaks.Leak> leaks = NettyLeaks.check();

		assertThat(leaks).singleElement().satisfies((leak) -> {
			assertThat(leak.resourceType()).isEqualTo("ByteBuf");
			assertThat(leak.records()).contains(HINT).contains("leakOneBuffer");
		});
		assertThat(NettyLeaks.describe(leaks, "NettyLeaksTests")).contains("LEAK 1: ByteBuf").contains(HINT);
		assertThat(NettyLeaks.check()).isEmpty();
	}

	@Test
	void aReleasedBufferIsNotReported() {
		List<NettyLeaks.Leak> earlier = NettyLeaks.check();
		assertThat(earlier).as(() -> NettyLeaks.describe(earlier, "the tests before NettyLeaksTests")).isEmpty();

		ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(64);
		buffer.writeCharSequence("released", StandardCharsets.US_ASCII);
		buffer.release();
		buffer = null;

		assertThat(NettyLeaks.check()).isEmpty();
	}

	private static void leakOneBuffer() {
		ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(64);
		buffer.writeCharSequence("never released", StandardCharsets.US_ASCII);
		buffer.touch(HINT);
	}

}
