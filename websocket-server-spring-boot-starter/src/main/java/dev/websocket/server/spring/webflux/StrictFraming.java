package dev.websocket.server.spring.webflux;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;

/**
 * RFC 6455 as Reactor Netty's WebSocket server does not enforce it. Its handshaker always
 * allows extensions (so frames with RSV bits pass although none is negotiated), never
 * validates UTF-8 (invalid text reaches the application as U+FFFD), and Netty's decoder
 * answers an invalid close frame by dropping TCP without a close frame, while it lets
 * codes of 5000 and above through. After the handshake the frame decoder is replaced by a
 * strict one: RSV bits without an extension close with 1002, invalid UTF-8 in a text
 * message with 1007, a close frame with an invalid code or a reason that is not UTF-8
 * with 1002; in each case the close frame is sent and the connection then closed.
 */
final class StrictFraming {

	/** Netty's name for the frame decoder the handshaker installs. */
	static final String DECODER = "wsdecoder";

	static final String UTF8_VALIDATOR = "wamp.utf8Validator";

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
	 */
	static void install(ChannelPipeline pipeline, WebSocketDecoderConfig config) {
		if (pipeline.get(DECODER) == null) {
			// not an HTTP/1.1 upgrade (no decoder of Netty's to replace)
			return;
		}
		pipeline.replace(DECODER, DECODER, new Decoder(config));
		pipeline.addAfter(DECODER, UTF8_VALIDATOR, new Utf8FrameValidator(true));
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
	 * Netty's RFC 6455 decoder with the close frame checked here: Netty's own check lets
	 * codes of 5000 and above through and, on a violation, closes TCP without a close
	 * frame.
	 */
	private static final class Decoder extends WebSocket13FrameDecoder {

		Decoder(WebSocketDecoderConfig config) {
			super(config);
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
