package dev.websocket.server.spring.webflux;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.websocket.server.spring.webflux.TestApplication.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed transport input is the client's fault: each kind gets its defined answer and
 * the server logs it at DEBUG at most, never a WARN or ERROR, never a stack trace above
 * DEBUG. Everything logged at WARN and above during the run is captured and must be
 * empty, while a server fault (a handler bug) still logs its ERROR.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "websocket.server.request-head-timeout=1s")
class MalformedInputLogTests {

	@LocalServerPort
	int port;

	private final List<ILoggingEvent> logged = new CopyOnWriteArrayList<>();

	private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
		@Override
		protected void append(ILoggingEvent event) {
			if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
				MalformedInputLogTests.this.logged.add(event);
			}
		}
	};

	@BeforeEach
	void capture() {
		this.appender.start();
		root().addAppender(this.appender);
	}

	@AfterEach
	void release() {
		root().detachAppender(this.appender);
	}

	@Test
	void logsNoWarningOrErrorForMalformedTransportInput() {
		assertThat(upgrade(Map.of("Sec-WebSocket-Version", List.of("9")))).isEqualTo(426);
		assertThat(upgrade(Map.of("Sec-WebSocket-Key", List.of("c2hvcnQ=")))).isEqualTo(400);
		assertThat(upgrade(Map.of())).isEqualTo(400);
		assertThat(upgrade(Map.of("Sec-WebSocket-Protocol", List.of("mqtt")))).isEqualTo(400);
		try (FrameSocket socket = FrameSocket.connect(this.port)) {
			socket.write("GET /ws HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(socket.readResponse().status()).isEqualTo(408);
		}
		assertThat(closeCode(FrameSocket.frame(0x81, new byte[] { (byte) 0xC3, 0x28 }))).isEqualTo(1007);
		assertThat(closeCode(FrameSocket.frame(0xC1, "[]".getBytes(StandardCharsets.UTF_8)))).isEqualTo(1002);
		assertThat(closeCode(new byte[] { (byte) 0x81, 0x02, '[', ']' })).isEqualTo(1002);
		assertThat(closeCode(FrameSocket.frame(0x88, new byte[] { 0x13, (byte) 0x88 }))).isEqualTo(1002);
		assertThat(closeCode(FrameSocket.frame(0x88, new byte[] { 0x03 }))).isEqualTo(1002);
		assertThat(closeCode(FrameSocket.frame(0x82, new byte[] { 1, 2, 3 }))).isEqualTo(1003);
		assertThat(closeCode(FrameSocket.frame(0x81, "not json".getBytes(StandardCharsets.UTF_8)))).isEqualTo(1007);
		assertThat(closeCode(FrameSocket.frame(0x81, "[99]".getBytes(StandardCharsets.UTF_8)))).isEqualTo(1007);
		byte[] big = new byte[70 * 1024];
		Arrays.fill(big, (byte) 'a');
		assertThat(closeCode(FrameSocket.frame(0x81, big))).isEqualTo(1009);
		byte[] half = Arrays.copyOf(big, 40 * 1024);
		assertThat(closeCode(concat(FrameSocket.frame(0x01, half), FrameSocket.frame(0x80, half)))).isEqualTo(1009);
		try (FrameSocket socket = FrameSocket.open(this.port)) {
			assertThat(socket.nextText()).startsWith("[0,");
			socket.write(Arrays.copyOf(FrameSocket.frame(0x81, big), 1000));
		}
		try (FrameSocket socket = FrameSocket.open(this.port)) {
			assertThat(socket.nextText()).startsWith("[0,");
			socket.sendText("[2,\"c1\",\"" + BASE + "calc#sum\",1,2]");
			assertThat(socket.nextText()).isEqualTo("[3,\"c1\",3]");
		}
		assertThat(this.logged).extracting(MalformedInputLogTests::describe).isEmpty();
	}

	@Test
	void stillLogsAServerFaultAtError() {
		try (FrameSocket socket = FrameSocket.open(this.port)) {
			assertThat(socket.nextText()).startsWith("[0,");
			socket.sendText("[2,\"c1\",\"" + BASE + "fail/bug\"]");
			assertThat(socket.nextText()).startsWith("[4,\"c1\",");
		}
		assertThat(this.logged).anySatisfy((event) -> assertThat(event.getLevel()).isEqualTo(Level.ERROR));
	}

	private int upgrade(Map<String, List<String>> headers) {
		try (FrameSocket socket = FrameSocket.connect(this.port)) {
			return socket.upgrade(headers).status();
		}
	}

	/** Opens a connection, writes the bytes after WELCOME and returns the close code. */
	private int closeCode(byte[] bytes) {
		try (FrameSocket socket = FrameSocket.open(this.port)) {
			assertThat(socket.nextText()).startsWith("[0,");
			socket.tryWrite(bytes);
			return socket.awaitCloseCode();
		}
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private static String describe(ILoggingEvent event) {
		return event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage()
				+ ((event.getThrowableProxy() != null) ? " [" + event.getThrowableProxy().getClassName() + "]" : "");
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}
