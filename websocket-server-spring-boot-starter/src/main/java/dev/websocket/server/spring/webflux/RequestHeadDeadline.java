package dev.websocket.server.spring.webflux;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.NettyPipeline;

/**
 * A deadline on every HTTP request head of a connection: from its first byte (or from the
 * accept, for a connection's first request) to the end of its headers. Reactor Netty's
 * idle timeout restarts with every byte read, so a request drip-fed a byte at a time, or
 * a socket that sent half a request and stalled, was held forever; past the deadline the
 * connection is answered with 408 and closed. Two handlers share the state: one before
 * the HTTP codec sees the first bytes of a request, one after it sees the decoded head
 * and the end of each response. A WebSocket upgrade (a 101 response) removes both. A head
 * cut short by the connection closing is dropped here at DEBUG (Reactor Netty logs it at
 * WARN: one line per slow client). All state is touched on the channel's event loop only.
 */
final class RequestHeadDeadline {

	private static final Logger logger = LoggerFactory.getLogger(RequestHeadDeadline.class);

	static final String BYTES_HANDLER = "wamp.requestHeadBytes";

	static final String HEAD_HANDLER = "wamp.requestHead";

	private final long timeoutNanos;

	/** Waiting for the first byte of a request (none is being read). */
	private boolean idle;

	private @Nullable ScheduledFuture<?> timer;

	private RequestHeadDeadline(Duration timeout) {
		this.timeoutNanos = timeout.toNanos();
	}

	/**
	 * Adds the deadline to a new connection's pipeline, when it serves HTTP/1.1 through
	 * Reactor Netty's codec (other protocols are left alone).
	 * @param pipeline the pipeline, as Reactor Netty initialized it
	 * @param timeout the longest time a request head may take
	 */
	static void install(ChannelPipeline pipeline, Duration timeout) {
		if (!(pipeline.get(NettyPipeline.HttpCodec) instanceof HttpServerCodec)) {
			return;
		}
		RequestHeadDeadline deadline = new RequestHeadDeadline(timeout);
		pipeline.addBefore(NettyPipeline.HttpCodec, BYTES_HANDLER, deadline.new Bytes());
		pipeline.addAfter(NettyPipeline.HttpCodec, HEAD_HANDLER, deadline.new Head());
	}

	private void arm(ChannelHandlerContext ctx) {
		if (this.timer == null) {
			this.timer = ctx.executor().schedule(() -> expired(ctx), this.timeoutNanos, TimeUnit.NANOSECONDS);
		}
	}

	private void disarm() {
		ScheduledFuture<?> timer = this.timer;
		if (timer != null) {
			timer.cancel(false);
			this.timer = null;
		}
	}

	private void expired(ChannelHandlerContext ctx) {
		this.timer = null;
		if (!ctx.channel().isActive()) {
			return;
		}
		logger.debug("Request head from {} not complete within {} ms; closing", ctx.channel().remoteAddress(),
				TimeUnit.NANOSECONDS.toMillis(this.timeoutNanos));
		DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
				HttpResponseStatus.REQUEST_TIMEOUT);
		response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
		// written from the handler after the codec, so it is encoded
		ctx.channel().pipeline().context(HEAD_HANDLER).writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

	/** Before the codec: the first byte of a request starts its deadline. */
	private final class Bytes extends ChannelInboundHandlerAdapter {

		@Override
		public void handlerAdded(ChannelHandlerContext ctx) {
			// the connection's first request is timed from the accept
			arm(ctx);
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (RequestHeadDeadline.this.idle && msg instanceof ByteBuf bytes && bytes.isReadable()) {
				RequestHeadDeadline.this.idle = false;
				arm(ctx);
			}
			ctx.fireChannelRead(msg);
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			disarm();
			ctx.fireChannelInactive();
		}

	}

	/**
	 * After the codec: a decoded head ends the deadline; the end of a response starts
	 * waiting for the next request; a 101 ends HTTP on the connection.
	 */
	private final class Head extends ChannelDuplexHandler {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof HttpRequest request) {
				disarm();
				if (request.decoderResult().cause() instanceof PrematureChannelClosureException) {
					// the connection closed halfway through the head (the client left, or
					// the deadline cut it): nothing to answer, and Reactor Netty would
					// log
					// the client's half request at WARN
					logger.debug("Connection from {} closed before the request head was complete",
							ctx.channel().remoteAddress());
					ReferenceCountUtil.release(msg);
					return;
				}
			}
			ctx.fireChannelRead(msg);
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			if (msg instanceof HttpResponse response
					&& response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
				disarm();
				ctx.write(msg, promise);
				ChannelPipeline pipeline = ctx.pipeline();
				pipeline.remove(BYTES_HANDLER);
				pipeline.remove(this);
				return;
			}
			if (msg instanceof LastHttpContent) {
				// a kept-alive connection waits for its next request under Reactor
				// Netty's idle timeout; the deadline starts with the request's first byte
				RequestHeadDeadline.this.idle = true;
			}
			ctx.write(msg, promise);
		}

	}

}
