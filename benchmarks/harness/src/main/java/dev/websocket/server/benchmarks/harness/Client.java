package dev.websocket.server.benchmarks.harness;

import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * One load-generator connection. Frames are written straight to the Netty channel
 * (thread-safe); received text frames are classified by the {@link Protocol} and data
 * frames handed to the {@link Listener} on the channel's event loop.
 */
final class Client {

	/** Receives the data frames of a client. */
	interface Listener {

		/**
		 * @param client the receiving client @param frame the frame's bytes, valid during
		 * the call
		 */
		void onData(Client client, ByteBuf frame);

		/** Ignores everything. */
		Listener NONE = (client, frame) -> {
		};

	}

	final int index;

	final Protocol protocol;

	final CompletableFuture<Client> ready = new CompletableFuture<>();

	final CompletableFuture<Void> closed = new CompletableFuture<>();

	volatile Listener listener;

	volatile @Nullable Channel channel;

	volatile @Nullable Disposable disposable;

	/** Free for the scenario: e.g. the send time of the outstanding call. */
	volatile long mark;

	/** Free for the scenario: e.g. whether a probe arrived. */
	volatile boolean flag;

	volatile int errors;

	/** The status code of the close frame the server sent, or -1 while none arrived. */
	volatile int closeCode = -1;

	Client(int index, Protocol protocol, Listener listener) {
		this.index = index;
		this.protocol = protocol;
		this.listener = listener;
	}

	/** Swallows read requests while a client plays a reader that stopped reading. */
	private static final class NoRead extends ChannelOutboundHandlerAdapter {

		@Override
		public void read(ChannelHandlerContext ctx) {
		}

	}

	void onFrame(WebSocketFrame frame) {
		if (!(frame instanceof TextWebSocketFrame)) {
			return;
		}
		ByteBuf content = frame.content();
		switch (this.protocol.classify(content)) {
			case DATA -> this.listener.onData(this, content);
			case READY -> this.ready.complete(this);
			case ERROR -> {
				this.errors++;
				if (this.errors == 1) {
					Log.info("client " + this.index + " got an error frame: "
							+ content.toString(java.nio.charset.StandardCharsets.UTF_8).trim());
				}
			}
			case OTHER -> {
			}
		}
	}

	boolean isOpen() {
		Channel channel = this.channel;
		return channel != null && channel.isActive() && !this.closed.isDone();
	}

	void send(String text) {
		Channel channel = this.channel;
		if (channel != null) {
			channel.writeAndFlush(new TextWebSocketFrame(text), channel.voidPromise());
		}
	}

	void write(String text) {
		Channel channel = this.channel;
		if (channel != null) {
			channel.write(new TextWebSocketFrame(text), channel.voidPromise());
		}
	}

	void flush() {
		Channel channel = this.channel;
		if (channel != null) {
			channel.flush();
		}
	}

	/**
	 * Stops reading the socket, as a stalled consumer would: auto-read off and every
	 * later read request (Reactor Netty's demand) swallowed, so the server's writes back
	 * up through the TCP buffers into its own queue.
	 */
	void stopReading() {
		Channel channel = this.channel;
		if (channel != null) {
			channel.eventLoop().execute(() -> {
				if (channel.pipeline().get(NoRead.class) == null) {
					channel.pipeline().addFirst(new NoRead());
				}
				channel.config().setAutoRead(false);
			});
		}
	}

	/** Reads again after {@link #stopReading()}, so that a close or a reset is seen. */
	void resumeReading() {
		Channel channel = this.channel;
		if (channel != null) {
			channel.eventLoop().execute(() -> {
				if (channel.pipeline().get(NoRead.class) != null) {
					channel.pipeline().remove(NoRead.class);
				}
				channel.config().setAutoRead(true);
				channel.read();
			});
		}
	}

	void close() {
		Channel channel = this.channel;
		if (channel != null && channel.isActive()) {
			channel.writeAndFlush(new CloseWebSocketFrame(1000, "bye"))
				.addListener(io.netty.channel.ChannelFutureListener.CLOSE);
		}
		Disposable disposable = this.disposable;
		if (disposable != null && channel == null) {
			disposable.dispose();
		}
	}

}
