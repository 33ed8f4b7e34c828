package dev.websocket.server.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;

import dev.websocket.server.wamp2.message.Wamp2Message;

/**
 * WAMP v2 ids, all from 1 to 2<sup>53</sup> &minus; 1: session ids from
 * {@link SecureRandom} (global scope, unguessable), publication and registration ids from
 * a uniform random source (global and router scope), subscription ids derived from what
 * is subscribed.
 *
 * <p>
 * The specification's range ends at 2<sup>53</sup>; the router leaves out that one value
 * because it is the first a JavaScript number cannot tell from its neighbour, and CBOR
 * clients show it: the {@code cbor} package under Autobahn|JS decodes an integer from
 * 2<sup>53</sup> on as a {@code BigInt} and encodes the number 2<sup>53</sup> as a float,
 * which is not an id. Every id the router makes is a safe JavaScript integer; ids a
 * client chooses (request ids) are still accepted up to 2<sup>53</sup>.
 */
final class Wamp2Ids {

	private static final SecureRandom secure = new SecureRandom();

	/** The largest id the router makes: 2<sup>53</sup> &minus; 1. */
	static final long MAX = Wamp2Message.MAX_ID - 1;

	private Wamp2Ids() {
	}

	/** A new session id. */
	static long newSessionId() {
		return secure.nextLong(1, MAX + 1);
	}

	/** The match policy of an exact subscription. */
	static final String EXACT = "exact";

	/**
	 * The subscription id of a topic or pattern: derived from the match policy and the
	 * URI (the first 53 bits of their SHA-256, all ones counting as zero), so it is the
	 * same for every subscriber, on every node, and known before the first event can
	 * reach a new subscriber.
	 * @param match the match policy
	 * @param uri the topic URI or pattern
	 * @return the id
	 */
	static long subscriptionId(String match, String uri) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((match + "\u0000" + uri).getBytes(StandardCharsets.UTF_8));
			long bits = 0;
			for (int i = 0; i < 8; i++) {
				bits = (bits << 8) | (digest[i] & 0xff);
			}
			return 1 + (bits >>> 11) % MAX;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	/** A new publication or registration id. */
	static long newId() {
		return ThreadLocalRandom.current().nextLong(1, MAX + 1);
	}

}
