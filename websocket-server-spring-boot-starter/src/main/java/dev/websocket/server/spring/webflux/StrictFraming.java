package dev.websocket.server.spring.webflux;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.websocket.server.engine.TransportSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * RFC 6455 as Reactor Netty's WebSocket server does not enforce it. Its handshaker always
 * allows extensions (so frames with RSV bits pass although none is negotiated), never
 * validates UTF-8 (invalid text reaches the application as U+FFFD), and Netty's decoder
 * answers an invalid close frame by dropping TCP without a close frame, while it lets
 * codes of 5000 and above through. After the handshake the frame decoder is replaced by a
 * strict one: RSV bits without an extension close with 1002, invalid UTF-8 in a text
 * message with 1007, a close frame with an invalid code or a reason that is not UTF-8
 * with 1002; in each case the close frame is sent and the connection then closed.
 *
 * <p>
 * The strict decoder checks UTF-8 itself (as Netty's {@code Utf8FrameValidator} would, a
 * fragmented message as it arrives: at the first fragment that cannot be UTF-8) and hands
 * pongs straight to the engine, so a socket needs no validator handler of its own and a
 * keep-alive pong does not make Reactor Netty keep a receive queue for an idle socket.
 */
final class StrictFraming {

	/** Netty's name for the frame decoder the handshaker installs. */
	static final String DECODER = "wsdecoder";

	/** Why a text message that is not UTF-8 is refused, as Netty's validator says. */
	static final String NOT_UTF8 = "bytes are not UTF-8";

	/** {@link #utf8} of bytes that cannot be UTF-8, whatever follows. */
	static final int UTF8_INVALID = -1;

	/** {@link #utf8} of nothing yet, or of complete characters. */
	static final int UTF8_COMPLETE = 0;

	private StrictFraming() {
	}

	/**
	 * The strict decoder's settings, immutable: one for every socket.
	 * @param maxFramePayloadLength the largest frame payload accepted (larger: 1009)
	 * @return the settings
	 */
	static WebSocketDecoderConfig decoderConfig(int maxFramePayloadLength) {
		return WebSocketDecoderConfig.newBuilder()
			.maxFramePayloadLength(maxFramePayloadLength)
			.expectMaskedFrames(true)
			.allowMaskMismatch(false)
			.allowExtensions(false)
			.closeOnProtocolViolation(true)
			.build();
	}

	/**
	 * Replaces the handshaker's frame decoder, on the channel's event loop, before any
	 * frame is read (Reactor Netty reads the first frame only after the handshake
	 * completed and the socket's handler was called).
	 * @param pipeline the upgraded channel's pipeline
	 * @param config the strict decoder's settings ({@link #decoderConfig})
	 * @param transport the engine's side of the socket, told of pongs; {@code null} for a
	 * socket the engine does not serve (its pongs go on down the pipeline)
	 */
	static void install(ChannelPipeline pipeline, WebSocketDecoderConfig config, @Nullable TransportSession transport) {
		if (pipeline.get(DECODER) == null) {
			// not an HTTP/1.1 upgrade (no decoder of Netty's to replace)
			return;
		}
		pipeline.replace(DECODER, DECODER, new Decoder(config, transport));
	}

	/**
	 * Checks bytes of a text message for UTF-8 (RFC 3629: no overlong forms, no
	 * surrogates, nothing above U+10FFFF), going on from where the bytes before them
	 * ended.
	 * @param bytes the bytes, from their reader index to their writer index (not
	 * consumed)
	 * @param state what the bytes before them left ({@link #UTF8_COMPLETE} at the start
	 * of a message)
	 * @return {@link #UTF8_INVALID}, {@link #UTF8_COMPLETE} when they end with a complete
	 * character, or a positive state saying what the character they end inside still
	 * needs
	 */
	static int utf8(ByteBuf bytes, int state) {
		// the bytes a character still needs (0 to 3) and the range of the next one
		int need = state & 0x3;
		int low = (state >>> 8) & 0xFF;
		int high = (state >>> 16) & 0xFF;
		int index = bytes.readerIndex();
		int end = bytes.writerIndex();
		while (index < end) {
			if (need == 0) {
				// text is mostly ASCII: eight bytes at a time while it is
				if (end - index >= 8 && (bytes.getLong(index) & 0x8080808080808080L) == 0) {
					index += 8;
					continue;
				}
				int lead = bytes.getByte(index++) & 0xFF;
				if (lead < 0x80) {
					continue;
				}
				low = 0x80;
				high = 0xBF;
				if (lead >= 0xC2 && lead <= 0xDF) {
					need = 1;
				}
				else if (lead >= 0xE0 && lead <= 0xEF) {
					need = 2;
					if (lead == 0xE0) {
						// not overlong
						low = 0xA0;
					}
					else if (lead == 0xED) {
						// not a surrogate
						high = 0x9F;
					}
				}
				else if (lead >= 0xF0 && lead <= 0xF4) {
					need = 3;
					if (lead == 0xF0) {
						// not overlong
						low = 0x90;
					}
					else if (lead == 0xF4) {
						// not above U+10FFFF
						high = 0x8F;
					}
				}
				else {
					return UTF8_INVALID;
				}
			}
			else {
				int next = bytes.getByte(index++) & 0xFF;
				if (next < low || next > high) {
					return UTF8_INVALID;
				}
				need--;
				low = 0x80;
				high = 0xBF;
			}
		}
		return (need == 0) ? UTF8_COMPLETE : need | (low << 8) | (high << 16);
	}

	/**
	 * Whether a close code may appear in a close frame (RFC 6455 section 7.4, with the
	 * codes IANA registered since, 1012 to 1014): 1005, 1006 and 1015 are reserved for
	 * reporting, never sent; 3000 to 4999 are for libraries and applications.
	 * @param code the code
	 * @return whether it is valid on the wire
	 */
	static boolean isValidCloseCode(int code) {
		return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
	}

	/**
	 * Netty's RFC 6455 decoder with the close frame and UTF-8 checked here: Netty's own
	 * close frame check lets codes of 5000 and above through and, on a violation, closes
	 * TCP without a close frame. It decodes at most one frame per call, on the channel's
	 * event loop.
	 */
	private static final class Decoder extends WebSocket13FrameDecoder {

		/** Outside a fragmented text message. */
		private static final int NOT_IN_TEXT = Integer.MIN_VALUE;

		private final @Nullable TransportSession transport;

		/** The {@link #utf8} state of the fragmented text message being read. */
		private int fragmentedText = NOT_IN_TEXT;

		Decoder(WebSocketDecoderConfig config, @Nullable TransportSession transport) {
			super(config);
			this.transport = transport;
		}

		@Override
		protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
			int before = out.size();
			super.decode(ctx, in, out);
			if (out.size() == before) {
				return;
			}
			Object frame = out.get(out.size() - 1);
			if (frame instanceof TextWebSocketFrame text) {
				// a fragmented message of another kind is refused by Netty's decoder
				int state = utf8(text.content(), UTF8_COMPLETE);
				if (text.isFinalFragment() ? state != UTF8_COMPLETE : state == UTF8_INVALID) {
					notUtf8(ctx, out);
				}
				else if (!text.isFinalFragment()) {
					this.fragmentedText = state;
				}
			}
			else if (frame instanceof ContinuationWebSocketFrame continuation) {
				if (this.fragmentedText != NOT_IN_TEXT) {
					int state = utf8(continuation.content(), this.fragmentedText);
					boolean last = continuation.isFinalFragment();
					this.fragmentedText = last ? NOT_IN_TEXT : state;
					if (last ? state != UTF8_COMPLETE : state == UTF8_INVALID) {
						notUtf8(ctx, out);
					}
				}
			}
			else if (frame instanceof PongWebSocketFrame && this.transport != null) {
				out.remove(out.size() - 1);
				((PongWebSocketFrame) frame).release();
				this.transport.receivePong();
			}
		}

		/**
		 * Refuses the text just decoded with 1007, as Netty's validator does: the frame
		 * is dropped, the close frame sent, then the connection closed.
		 */
		private void notUtf8(ChannelHandlerContext ctx, List<Object> out) {
			this.fragmentedText = NOT_IN_TEXT;
			ReferenceCountUtil.release(out.remove(out.size() - 1));
			if (ctx.channel().isOpen()) {
				ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code(), NOT_UTF8))
					.addListener(ChannelFutureListener.CLOSE);
			}
			throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.INVALID_PAYLOAD_DATA, NOT_UTF8);
		}

		@Override
		protected void checkCloseFrameBody(ChannelHandlerContext ctx, ByteBuf body) {
			int length = body.readableBytes();
			if (length == 0) {
				return;
			}
			// a body of one byte was refused with 1002 when the frame's header was read
			int code = body.getUnsignedShort(body.readerIndex());
			String violation = null;
			if (!isValidCloseCode(code)) {
				violation = "Invalid close code " + code;
			}
			else if (!ByteBufUtil.isText(body, body.readerIndex() + 2, length - 2, StandardCharsets.UTF_8)) {
				violation = "Close reason is not UTF-8";
			}
			if (violation != null) {
				body.skipBytes(length);
				if (ctx.channel().isActive()) {
					ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.PROTOCOL_ERROR, violation))
						.addListener(ChannelFutureListener.CLOSE);
				}
				throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, violation);
			}
		}

	}

}
