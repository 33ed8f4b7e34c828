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

	@Test
	void onlyAKnownThirdPartyCreationSiteIsTolerated() {
		String lettuce = "Recent access records: \nCreated at:\n"
				+ "\tio.netty.buffer.AdaptiveByteBufAllocator.newDirectBuffer(AdaptiveByteBufAllocator.java:67)\n"
				+ "\tio.netty.buffer.AbstractByteBufAllocator.buffer(AbstractByteBufAllocator.java:96)\n"
				+ "\tio.lettuce.core.protocol.CommandHandler.channelRegistered(CommandHandler.java:222)\n"
				+ "\tio.netty.channel.AbstractChannelHandlerContext.fireChannelRegistered(AbstractChannelHandlerContext.java:161)\n";
		String ours = "Created at:\n"
				+ "\tio.netty.buffer.AbstractByteBufAllocator.directBuffer(AbstractByteBufAllocator.java:159)\n"
				+ "\tdev.websocket.server.spring.webflux.ChannelWriter.encode(ChannelWriter.java:80)\n"
				+ "\tio.lettuce.core.protocol.CommandHandler.channelRegistered(CommandHandler.java:222)\n";
		String touchedByLettuce = "#1:\n\tio.lettuce.core.protocol.CommandHandler.channelRegistered(CommandHandler.java:222)\n"
				+ "Created at:\n\tio.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder.decode(WebSocket08FrameDecoder.java:1)\n"
				+ "\treactor.netty.channel.ChannelOperationsHandler.channelRead(ChannelOperationsHandler.java:1)\n";

		assertThat(NettyLeaks.knownThirdPartyLeak(lettuce))
			.isEqualTo("io.lettuce.core.protocol.CommandHandler.channelRegistered");
		assertThat(NettyLeaks.knownThirdPartyLeak(ours)).isNull();
		assertThat(NettyLeaks.knownThirdPartyLeak(touchedByLettuce)).isNull();
		assertThat(NettyLeaks.knownThirdPartyLeak("")).isNull();
	}

	private static void leakOneBuffer() {
		ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(64);
		buffer.writeCharSequence("never released", StandardCharsets.US_ASCII);
		buffer.touch(HINT);
	}

}
