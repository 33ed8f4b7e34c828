package dev.websocket.server.spring.webflux;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.websocket.server.connection.CloseStatus;
import dev.websocket.server.connection.Frame;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.engine.OverflowPolicy;
import dev.websocket.server.engine.TransportSession;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.engine.WampServerSettings;
import dev.websocket.server.wamp.topic.TopicHandler;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The direct channel writer with the real engine and real Netty channels (embedded ones,
 * each on its own event loop, so that the test decides when a loop runs its tasks): one
 * direct buffer per broadcast, shared by every subscriber through retained duplicates and
 * released exactly once, whether the frames were written, discarded on overflow, left
 * queued when the socket closed, or flushed at shutdown.
 */
class ChannelWriterTests {

	private static final String TOPIC = "chat/room";

	private final RecordingAllocator allocator = new RecordingAllocator();

	private final List<Socket> sockets = new ArrayList<>();

	private @Nullable WampServer server;

	@AfterEach
	void close() {
		for (Socket socket : this.sockets) {
			socket.channel.finishAndReleaseAll();
		}
		if (this.server != null) {
			this.server.shutdown(Duration.ZERO).block(Duration.ofSeconds(5));
		}
	}

	@Test
	void aBroadcastIsEncodedIntoOneDirectBufferThatEverySubscriberWritesADuplicateOf() {
		WampServer server = server(100);
		List<Socket> subscribers = List.of(subscriber(server), subscriber(server), subscriber(server));
		Socket publisher = connect(server);
		int before = this.allocator.direct.size();
		for (int i = 0; i < 5; i++) {
			publisher.transport.receiveText("[7,\"" + TOPIC + "\"," + i + "]");
		}
		for (Socket subscriber : subscribers) {
			subscriber.channel.runPendingTasks();
		}
		assertThat(this.allocator.direct.size() - before).as("one direct buffer per broadcast").isEqualTo(5);
		List<ByteBuf> shared = this.allocator.direct.subList(before, before + 5);
		// the broadcast and the queues let go: what holds each buffer is the three
		// written duplicates
		assertThat(shared).allSatisfy((buffer) -> assertThat(buffer.refCnt()).isEqualTo(3));
		for (Socket subscriber : subscribers) {
			for (int i = 0; i < 5; i++) {
				TextWebSocketFrame frame = readText(subscriber.channel);
				assertThat(frame.text()).isEqualTo("[8,\"" + TOPIC + "\"," + i + "]");
				frame.release();
			}
			assertThat((Object) subscriber.channel.readOutbound()).isNull();
		}
		assertThat(shared).allSatisfy((buffer) -> assertThat(buffer.refCnt()).isZero());
	}

	@Test
	void aSlowReaderOverflowsAndIsClosedWith1008WhileTheOthersReceiveEveryEventAndNothingLeaks() {
		WampServer server = server(4);
		Socket reader = subscriber(server);
		Socket slow = subscriber(server);
		Socket publisher = connect(server);
		// Netty's buffer over its high-water mark: the writer leaves frames queued
		slow.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
		for (int i = 0; i < 10; i++) {
			publisher.transport.receiveText("[7,\"" + TOPIC + "\"," + i + "]");
			reader.channel.runPendingTasks();
			slow.channel.runPendingTasks();
		}
		assertThat(slow.closedWith).extracting(CloseStatus::code).containsExactly(1008);
		for (int i = 0; i < 10; i++) {
			TextWebSocketFrame frame = readText(reader.channel);
			assertThat(frame.text()).isEqualTo("[8,\"" + TOPIC + "\"," + i + "]");
			frame.release();
		}
		assertThat(reader.closedWith).isEmpty();
		assertThat((Object) slow.channel.readOutbound()).as("nothing written to the slow reader").isNull();
		assertThat(this.allocator.direct).isNotEmpty().allSatisfy((buffer) -> assertThat(buffer.refCnt()).isZero());
	}

	@Test
	void framesStillQueuedWhenTheSocketClosesAreReleased() {
		WampServer server = server(100);
		Socket stuck = subscriber(server);
		Socket publisher = connect(server);
		stuck.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
		int before = this.allocator.direct.size();
		for (int i = 0; i < 3; i++) {
			publisher.transport.receiveText("[7,\"" + TOPIC + "\"," + i + "]");
		}
		stuck.channel.runPendingTasks();
		assertThat(this.allocator.direct).as("encoded once the first subscriber was written: none yet").hasSize(before);
		// a subscriber that is written, so the buffer exists while the stuck one holds
		// the frame
		Socket reader = subscriber(server);
		publisher.transport.receiveText("[7,\"" + TOPIC + "\",\"last\"]");
		reader.channel.runPendingTasks();
		TextWebSocketFrame written = readText(reader.channel);
		written.release();
		ByteBuf shared = this.allocator.direct.get(this.allocator.direct.size() - 1);
		assertThat(shared.refCnt()).as("the stuck subscriber's queue still holds the frame").isPositive();
		// the socket closes (as Reactor Netty's reaper reports it)
		stuck.channel.close();
		stuck.transport.closed(WampWebSocketHandler.CONNECTION_LOST);
		assertThat(shared.refCnt()).isZero();
	}

	@Test
	void shutdownWritesWhatIsQueuedThenClosesWith1001AndReleasesEverything() {
		WampServer server = server(100);
		Socket subscriber = subscriber(server);
		Socket publisher = connect(server);
		int before = this.allocator.direct.size();
		for (int i = 0; i < 3; i++) {
			publisher.transport.receiveText("[7,\"" + TOPIC + "\"," + i + "]");
		}
		server.shutdown(Duration.ofMillis(100)).block(Duration.ofSeconds(5));
		subscriber.channel.runPendingTasks();
		for (int i = 0; i < 3; i++) {
			TextWebSocketFrame frame = readText(subscriber.channel);
			assertThat(frame.text()).isEqualTo("[8,\"" + TOPIC + "\"," + i + "]");
			frame.release();
		}
		assertThat(subscriber.closedWith).extracting(CloseStatus::code).containsExactly(1001);
		assertThat(this.allocator.direct).hasSize(before + 3)
			.allSatisfy((buffer) -> assertThat(buffer.refCnt()).isZero());
	}

	private WampServer server(int outboundMaxMessages) {
		WampServer server = WampServer.builder()
			.settings(WampServerSettings.builder()
				.outboundMaxMessages(outboundMaxMessages)
				.overflowPolicy(OverflowPolicy.CLOSE)
				.build())
			.topic("chat/{room}", new TopicHandler() {
			})
			.build();
		this.server = server;
		return server;
	}

	private Socket subscriber(WampServer server) {
		Socket socket = connect(server);
		socket.transport.receiveText("[5,\"" + TOPIC + "\"]");
		return socket;
	}

	/** Opens a session on a channel of its own, reads its WELCOME. */
	private Socket connect(WampServer server) {
		HttpRequest request = new HttpRequest(URI.create("ws://localhost/ws"), Map.of(), Map.of(), "127.0.0.1",
				List.of("wamp"), null);
		TransportSession transport = server.open(request);
		EmbeddedChannel channel = new EmbeddedChannel();
		channel.config().setAllocator(this.allocator);
		Socket socket = new Socket(channel, transport);
		new ChannelWriter(channel, transport, socket, Duration.ofSeconds(5)).start(channel.pipeline(),
				"no such handler");
		channel.runPendingTasks();
		readText(channel).release();
		this.sockets.add(socket);
		return socket;
	}

	@Test
	void framesAreWrittenAsTheBytesAClientsDecoderReadsWithEveryLengthEncoding() {
		for (int length : new int[] { 0, 125, 126, 65_535, 65_536, 70_000 }) {
			byte[] payload = new byte[length];
			for (int i = 0; i < length; i++) {
				payload[i] = (byte) ('a' + i % 26);
			}
			int header = (length < 126) ? 2 : (length < 65_536) ? 4 : 10;
			ByteBuf text = ChannelWriter.framed(this.allocator, ChannelWriter.OPCODE_TEXT, payload);
			assertThat(text.readableBytes()).as("length %d", length).isEqualTo(header + length);
			assertThat(text.isDirect()).isTrue();
			WebSocketFrame frame = decode(text);
			assertThat(frame).isInstanceOf(TextWebSocketFrame.class);
			assertThat(frame.isFinalFragment()).isTrue();
			assertThat(frame.rsv()).isZero();
			assertThat(ByteBufUtil.getBytes(frame.content())).isEqualTo(payload);
			frame.release();
		}
		byte[] data = { 1, 2, 3 };
		assertThat(decode(ChannelWriter.toWire(new Frame.Binary(data), this.allocator)))
			.isInstanceOfSatisfying(BinaryWebSocketFrame.class, (frame) -> assertBytes(frame, data));
		assertThat(decode(ChannelWriter.toWire(new Frame.Ping(data), this.allocator)))
			.isInstanceOfSatisfying(PingWebSocketFrame.class, (frame) -> assertBytes(frame, data));
		assertThat(decode(ChannelWriter.toWire(new Frame.Pong(data), this.allocator)))
			.isInstanceOfSatisfying(PongWebSocketFrame.class, (frame) -> assertBytes(frame, data));
		assertThat(this.allocator.direct).allSatisfy((buffer) -> assertThat(buffer.refCnt()).isZero());
	}

	private static void assertBytes(WebSocketFrame frame, byte[] expected) {
		assertThat(ByteBufUtil.getBytes(frame.content())).isEqualTo(expected);
		frame.release();
	}

	/** The next frame the writer wrote to a channel, read as a client reads it. */
	private static TextWebSocketFrame readText(EmbeddedChannel channel) {
		ByteBuf bytes = channel.readOutbound();
		assertThat(bytes).as("a frame written").isNotNull();
		WebSocketFrame frame = decode(bytes);
		assertThat(frame).isInstanceOf(TextWebSocketFrame.class);
		return (TextWebSocketFrame) frame;
	}

	/**
	 * Decodes one whole frame's bytes (and releases them) with Netty's decoder as a
	 * client configures it: unmasked frames from the server.
	 */
	private static WebSocketFrame decode(ByteBuf bytes) {
		EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(
				WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
		try {
			client.writeInbound(bytes);
			WebSocketFrame frame = client.readInbound();
			assertThat(frame).as("one whole frame").isNotNull();
			assertThat((Object) client.readInbound()).as("nothing after it").isNull();
			return frame;
		}
		finally {
			client.finishAndReleaseAll();
		}
	}

	/** One socket's channel and how the writer ended it. */
	private static final class Socket implements ChannelWriter.Socket {

		final EmbeddedChannel channel;

		final TransportSession transport;

		final List<CloseStatus> closedWith = new CopyOnWriteArrayList<>();

		Socket(EmbeddedChannel channel, TransportSession transport) {
			this.channel = channel;
			this.transport = transport;
		}

		@Override
		public void closeWith(CloseStatus status) {
			this.closedWith.add(status);
		}

		@Override
		public void drop() {
			this.channel.close();
		}

	}

	/** Netty's unpooled allocator, recording every direct buffer it hands out. */
	private static final class RecordingAllocator extends AbstractByteBufAllocator {

		final List<ByteBuf> direct = new CopyOnWriteArrayList<>();

		RecordingAllocator() {
			super(true);
		}

		@Override
		protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
			return UnpooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity);
		}

		@Override
		protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
			ByteBuf buffer = UnpooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity);
			this.direct.add(buffer);
			return buffer;
		}

		@Override
		public boolean isDirectBufferPooled() {
			return false;
		}

	}

}
