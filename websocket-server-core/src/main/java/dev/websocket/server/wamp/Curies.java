package dev.websocket.server.wamp;

import java.util.Map;

/**
 * WAMP v1 CURIE expansion, the one rule the server and the client share: split at the
 * first {@code :}; a registered prefix expands to its URI plus the rest; {@code http://},
 * {@code https://}, unregistered prefixes and strings without a colon pass unchanged.
 */
public final class Curies {

	private Curies() {
	}

	/**
	 * Expands a CURIE.
	 * @param curieOrUri a CURIE or a full URI
	 * @param prefixes the connection's prefixes, prefix to URI
	 * @return the full URI
	 */
	public static String expand(String curieOrUri, Map<String, String> prefixes) {
		if (curieOrUri.startsWith("http://") || curieOrUri.startsWith("https://")) {
			return curieOrUri;
		}
		int colon = curieOrUri.indexOf(':');
		if (colon < 0) {
			return curieOrUri;
		}
		String uri = prefixes.get(curieOrUri.substring(0, colon));
		return (uri != null) ? uri + curieOrUri.substring(colon + 1) : curieOrUri;
	}

}
