package dev.websocket.server.spring.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends a WebSocket upgrade request byte for byte, as a reverse proxy forwards it (any
 * Host, X-Forwarded-* and Origin headers), and reads the status code of the answer.
 */
final class RawHandshake {

	private RawHandshake() {
	}

	static int status(int port, Map<String, String> headers) throws IOException {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("Host", "localhost:" + port);
		all.putAll(headers);
		all.put("Upgrade", "websocket");
		all.put("Connection", "Upgrade");
		all.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
		all.put("Sec-WebSocket-Version", "13");
		all.put("Sec-WebSocket-Protocol", "wamp");
		StringBuilder request = new StringBuilder("GET /ws HTTP/1.1\r\n");
		all.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		request.append("\r\n");
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			String statusLine = in.readLine();
			if (statusLine == null) {
				throw new IOException("No answer to the upgrade request");
			}
			return Integer.parseInt(statusLine.split(" ")[1]);
		}
	}

	static Map<String, String> proxied(String origin) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Forwarded-Host", "chat.example.com");
		headers.put("X-Forwarded-Proto", "https");
		headers.put("Origin", origin);
		return headers;
	}

}
