package dev.websocket.server.benchmarks.jmh;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.websocket.server.wamp.codec.WampCodec;
import dev.websocket.server.wamp.message.WampMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;

/**
 * Encoding and decoding of every WAMP v1 message type with {@link WampCodec}, carrying
 * the same 128-byte event the load harness uses. Client-to-server types are decoded with
 * {@link WampCodec#decodeFromClient}, server-to-client ones with
 * {@link WampCodec#decodeFromServer}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

	static final String EVENT = "{\"bp\":0,\"bs\":12345,\"bt\":1234567890123,\"bx\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			+ "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}";

	/** The message type under test. */
	@Param({ "WELCOME", "PREFIX", "CALL", "CALLRESULT", "CALLERROR", "SUBSCRIBE", "UNSUBSCRIBE", "PUBLISH", "EVENT" })
	public String type = "EVENT";

	private final WampCodec codec = new WampCodec();

	private WampMessage message = new WampMessage.Subscribe("chat/bench");

	private String text = "";

	private boolean fromServer;

	/** Builds the message and its wire text for {@link #type}. */
	@Setup
	public void setUp() {
		JsonNode event = this.codec.mapper().readTree(EVENT);
		switch (this.type) {
			case "WELCOME" -> {
				this.message = new WampMessage.Welcome("9f3c1a7e5b2d4c6f8e0a1b3c5d7e9f10", 1, "websocket-server/0.1");
				this.text = "[0,\"9f3c1a7e5b2d4c6f8e0a1b3c5d7e9f10\",1,\"websocket-server/0.1\"]";
				this.fromServer = true;
			}
			case "PREFIX" -> {
				this.message = new WampMessage.Prefix("calc", "http://example.com/simple/calc#");
				this.text = "[1,\"calc\",\"http://example.com/simple/calc#\"]";
			}
			case "CALL" -> {
				this.message = new WampMessage.Call("c1", "sample/echo", List.of(event));
				this.text = "[2,\"c1\",\"sample/echo\"," + EVENT + "]";
			}
			case "CALLRESULT" -> {
				this.message = new WampMessage.CallResult("c1", event);
				this.text = "[3,\"c1\"," + EVENT + "]";
				this.fromServer = true;
			}
			case "CALLERROR" -> {
				this.message = new WampMessage.CallError("c1", "http://api.wamp.ws/error#NoSuchRPCEndpoint",
						"no such procedure", Map.of("code", 404, "uri", "sample/nope"));
				this.text = "[4,\"c1\",\"http://api.wamp.ws/error#NoSuchRPCEndpoint\",\"no such procedure\","
						+ "{\"code\":404,\"uri\":\"sample/nope\"}]";
				this.fromServer = true;
			}
			case "SUBSCRIBE" -> {
				this.message = new WampMessage.Subscribe("chat/bench");
				this.text = "[5,\"chat/bench\"]";
			}
			case "UNSUBSCRIBE" -> {
				this.message = new WampMessage.Unsubscribe("chat/bench");
				this.text = "[6,\"chat/bench\"]";
			}
			case "PUBLISH" -> {
				this.message = new WampMessage.Publish("chat/bench", event, true, null, null);
				this.text = "[7,\"chat/bench\"," + EVENT + ",true]";
			}
			case "EVENT" -> {
				this.message = new WampMessage.Event("chat/bench", event);
				this.text = "[8,\"chat/bench\"," + EVENT + "]";
				this.fromServer = true;
			}
			default -> throw new IllegalArgumentException(this.type);
		}
	}

	/** Serializes the message to its JSON array text. */
	@Benchmark
	public String encode() {
		return this.codec.encode(this.message);
	}

	/** Serializes the message to the UTF-8 bytes a text frame carries. */
	@Benchmark
	public byte[] encodeToUtf8() {
		return this.codec.encodeToUtf8(this.message);
	}

	/** Parses the wire text back into a message. */
	@Benchmark
	public WampMessage decode() {
		return this.fromServer ? this.codec.decodeFromServer(this.text) : this.codec.decodeFromClient(this.text);
	}

}
