package dev.websocket.server.benchmarks.harness;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * What the load generator says and understands on one kind of server: WAMP v1 (this
 * server and the ceiling) or STOMP 1.2 (Spring). Frames are built as text; received
 * frames are classified by their first bytes only.
 */
interface Protocol {

	/** WAMP v1: topic {@code chat/bench}, RPC {@code sample/echo}. */
	Protocol WAMP = new Wamp();

	/**
	 * WAMP v2 with JSON ({@code wamp.2.json}), realm {@code realm1}: the same topic and
	 * procedure as v1; this server only (the ceiling and STOMP servers speak no v2).
	 */
	Protocol WAMP2 = new Wamp2();

	/**
	 * STOMP 1.2 over a raw WebSocket: topic {@code /topic/bench}, echo via
	 * {@code /app/echo}.
	 */
	Protocol STOMP = new Stomp();

	/** What a received frame is. */
	enum Kind {

		/** WELCOME or CONNECTED: the session is established. */
		READY,
		/** An EVENT, CALLRESULT (v2: RESULT) or MESSAGE: carries a payload. */
		DATA,
		/** A CALLERROR or ERROR (v2: ERROR or ABORT). */
		ERROR,
		/** Anything else. */
		OTHER

	}

	/** The WebSocket path. */
	String path();

	/** The subprotocol offered in the handshake. */
	String subprotocol();

	/** The frame sent right after the handshake, if the protocol has one. */
	@Nullable String connectFrame();

	/**
	 * @param frame a received text frame
	 */
	Kind classify(ByteBuf frame);

	/** The frame that subscribes to the benchmark topic. @param id a subscription id */
	String subscribe(int id);

	/**
	 * The frame that publishes {@code json} to the benchmark topic, not echoed to the
	 * publisher.
	 */
	String publish(String json);

	/** The frame sent once before calls (STOMP subscribes to its reply queue). */
	@Nullable String rpcSetupFrame();

	/** The frame that calls echo with {@code json}. @param callId a call id */
	String call(long callId, String json);

	/** WAMP v1 as the server speaks it. */
	final class Wamp implements Protocol {

		@Override
		public String path() {
			return "/ws";
		}

		@Override
		public String subprotocol() {
			return "wamp";
		}

		@Override
		public @Nullable String connectFrame() {
			return null;
		}

		@Override
		public Kind classify(ByteBuf frame) {
			if (Payload.startsWith(frame, "[8,") || Payload.startsWith(frame, "[3,")) {
				return Kind.DATA;
			}
			if (Payload.startsWith(frame, "[0,")) {
				return Kind.READY;
			}
			if (Payload.startsWith(frame, "[4,")) {
				return Kind.ERROR;
			}
			return Kind.OTHER;
		}

		@Override
		public String subscribe(int id) {
			return "[5,\"chat/bench\"]";
		}

		@Override
		public String publish(String json) {
			return "[7,\"chat/bench\"," + json + ",true]";
		}

		@Override
		public @Nullable String rpcSetupFrame() {
			return null;
		}

		@Override
		public String call(long callId, String json) {
			return "[2,\"c" + callId + "\",\"sample/echo\"," + json + "]";
		}

	}

	/**
	 * WAMP v2 as the server speaks it with {@code wamp.2.json}: HELLO to {@code realm1}
	 * right after the handshake, ready on WELCOME; SUBSCRIBE {@code chat/bench}; PUBLISH
	 * with the payload as the one positional argument and no options (v2's default
	 * {@code exclude_me} true, so the publisher receives nothing, as v1's excludeMe);
	 * CALL {@code sample/echo} with the payload as the one argument. An EVENT carries it
	 * in its arguments ({@code [36,subscription,publication,{},[payload]]}), a RESULT
	 * likewise ({@code [50,request,{},[payload]]}), so the payload's fields are found as
	 * in v1.
	 */
	final class Wamp2 implements Protocol {

		/**
		 * Request ids of PUBLISH and SUBSCRIBE (1, 2, …; a PUBLISH without acknowledge
		 * gets no answer).
		 */
		private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

		@Override
		public String path() {
			return "/ws";
		}

		@Override
		public String subprotocol() {
			return "wamp.2.json";
		}

		@Override
		public @Nullable String connectFrame() {
			return "[1,\"realm1\",{\"roles\":{\"publisher\":{},\"subscriber\":{},\"caller\":{}}}]";
		}

		@Override
		public Kind classify(ByteBuf frame) {
			if (Payload.startsWith(frame, "[36,") || Payload.startsWith(frame, "[50,")) {
				return Kind.DATA;
			}
			if (Payload.startsWith(frame, "[2,")) {
				return Kind.READY;
			}
			if (Payload.startsWith(frame, "[8,") || Payload.startsWith(frame, "[3,")) {
				return Kind.ERROR;
			}
			return Kind.OTHER;
		}

		@Override
		public String subscribe(int id) {
			return "[32," + nextRequest() + ",{},\"chat/bench\"]";
		}

		@Override
		public String publish(String json) {
			return "[16," + nextRequest() + ",{},\"chat/bench\",[" + json + "]]";
		}

		@Override
		public @Nullable String rpcSetupFrame() {
			return null;
		}

		@Override
		public String call(long callId, String json) {
			return "[48," + callId + ",{},\"sample/echo\",[" + json + "]]";
		}

		private long nextRequest() {
			return this.requests.incrementAndGet();
		}

	}

	/** STOMP 1.2 frames as Spring's simple broker expects them. */
	final class Stomp implements Protocol {

		@Override
		public String path() {
			return "/stomp";
		}

		@Override
		public String subprotocol() {
			return "v12.stomp";
		}

		@Override
		public @Nullable String connectFrame() {
			return "CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0";
		}

		@Override
		public Kind classify(ByteBuf frame) {
			if (Payload.startsWith(frame, "MESSAGE")) {
				return Kind.DATA;
			}
			if (Payload.startsWith(frame, "CONNECTED")) {
				return Kind.READY;
			}
			if (Payload.startsWith(frame, "ERROR")) {
				return Kind.ERROR;
			}
			return Kind.OTHER;
		}

		@Override
		public String subscribe(int id) {
			return "SUBSCRIBE\nid:sub-" + id + "\ndestination:/topic/bench\n\n\0";
		}

		@Override
		public String publish(String json) {
			return "SEND\ndestination:/topic/bench\ncontent-type:application/json\n\n" + json + "\0";
		}

		@Override
		public @Nullable String rpcSetupFrame() {
			return "SUBSCRIBE\nid:echo\ndestination:/user/queue/echo\n\n\0";
		}

		@Override
		public String call(long callId, String json) {
			return "SEND\ndestination:/app/echo\ncontent-type:text/plain\n\n" + json + "\0";
		}

	}

}
