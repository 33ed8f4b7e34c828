package dev.websocket.server.benchmarks.harness;

import org.jspecify.annotations.Nullable;

/** What the scenarios measure; {@code note} says what went wrong, if anything. */
final class Results {

	private Results() {
	}

	/**
	 * A fan-out run.
	 *
	 * @param deliveriesPerSecond events received by subscribers per second in the
	 * measured window
	 * @param p50Micros end-to-end latency median
	 * @param p99Micros 99th percentile
	 * @param p999Micros 99.9th percentile
	 * @param expected events sent times subscribers
	 * @param received events received after the drain
	 * @param subscribersClosed subscribers the server closed during the run
	 * @param note problems, or null
	 */
	record FanOut(double deliveriesPerSecond, double p50Micros, double p99Micros, double p999Micros, long expected,
			long received, int subscribersClosed, @Nullable String note) {

		long lost() {
			return this.expected - this.received;
		}
	}

	/**
	 * How the subscribers that stopped reading ended, seen once they read again.
	 *
	 * @param readers how many stopped reading
	 * @param closeCodes close frames' status codes (e.g. 1008 for the overflow policy
	 * {@code close}) to how many got each
	 * @param closedWithoutCloseFrame closed by a FIN or reset without a close frame
	 * @param open still open (e.g. their events dropped by the policy {@code drop})
	 */
	record SlowEnds(int readers, java.util.Map<Integer, Integer> closeCodes, int closedWithoutCloseFrame, int open) {
	}

	/**
	 * A fan-out run with slow readers against a clean run on the same server.
	 *
	 * @param clean the run in which every subscriber reads
	 * @param slow the run in which some subscribers stop reading (figures of the others)
	 * @param ends how the slow ones ended
	 * @param heapBeforeBytes the server's heap after a full GC in the slow run, every
	 * subscriber subscribed, before the first event (-1 if not measured)
	 * @param heapEndBytes the server's heap after a full GC at the end, the slow run's
	 * clients still connected and the slow queues full
	 * @param heapAfterSlowEndsBytes the heap after a full GC once the slow readers read
	 * again and ended
	 * @param overflows the server's {@code wamp.outbound.overflows} counter's growth
	 * during the slow run, or -1 where the server has no such metric
	 */
	record SlowReaders(FanOut clean, FanOut slow, SlowEnds ends, long heapBeforeBytes, long heapEndBytes,
			long heapAfterSlowEndsBytes, double overflows) {
	}

	/**
	 * An RPC run.
	 *
	 * @param callsPerSecond answered calls per second in the measured window
	 * @param p50Micros round trip median
	 * @param p99Micros 99th percentile
	 * @param resent calls resent after 3 s without an answer
	 * @param note problems, or null
	 */
	record Rpc(double callsPerSecond, double p50Micros, double p99Micros, long resent, @Nullable String note) {
	}

	/**
	 * A connections run.
	 *
	 * @param attempted sessions attempted
	 * @param held sessions established (WELCOME/CONNECTED) and still open at the
	 * measurement
	 * @param heapPerSessionBytes heap after GC above the idle baseline, per held session
	 * @param rssPerSessionBytes resident set above the idle baseline, per held session
	 * @param heapBaselineBytes heap after GC with no session
	 * @param heapLoadedBytes heap after GC with the sessions held
	 * @param seconds how long establishing took
	 * @param note problems, or null
	 */
	record Connections(int attempted, long held, double heapPerSessionBytes, double rssPerSessionBytes,
			long heapBaselineBytes, long heapLoadedBytes, double seconds, @Nullable String note) {
	}

	/**
	 * A soak run.
	 *
	 * @param seconds how long the churn ran
	 * @param sessions sessions established during the churn
	 * @param closeFrames sessions that left with a close frame
	 * @param finDrops sessions whose TCP connection was closed without a close frame
	 * @param resets sessions whose TCP connection was reset
	 * @param violations sessions that sent a malformed message (closed by the server)
	 * @param failedConnects handshakes that failed or timed out
	 * @param eventsReceived events the long-lived readers received
	 * @param connections the server's {@code wamp.connections} at the end
	 * @param subscriptions its {@code wamp.subscriptions} at the end
	 * @param topics its {@code wamp.topics} at the end
	 * @param heapStartBytes heap after a full GC before the churn (after a warm-up)
	 * @param heapEndBytes heap after a full GC once every client was gone
	 * @param errorLines ERROR lines the server logged during the run
	 * @param note problems, or null
	 */
	record Soak(double seconds, long sessions, long closeFrames, long finDrops, long resets, long violations,
			long failedConnects, long eventsReceived, long connections, long subscriptions, long topics,
			long heapStartBytes, long heapEndBytes, long errorLines, @Nullable String note) {
	}

}
