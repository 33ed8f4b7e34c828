package dev.websocket.server.testing.leak;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.ResourceLeakTracker;

/**
 * Records every leak Netty's {@link ResourceLeakDetector} reports in this JVM, so that a
 * test run can fail on one instead of leaving an ERROR line in a log nobody reads.
 * <p>
 * {@link #install()} replaces Netty's {@link ResourceLeakDetectorFactory} with one whose
 * detectors remember each report (resource type and access records) besides logging it as
 * before. It must run before Netty creates its detectors (they are created once, in
 * static initializers such as {@code AbstractByteBuf}'s), which is why
 * {@link NettyLeakDetectionSessionListener} calls it when the JUnit Platform opens its
 * launcher session, ahead of any test class.
 * <p>
 * Netty finds a leak only when the leaked object has been garbage-collected and a later
 * {@code track} call of the same detector polls its reference queue. {@link #check()}
 * makes both happen: it collects garbage until a weakly referenced sentinel has been
 * enqueued (so that reference processing of that collection is done), then asks every
 * detector to track a throw-away object, which drains its queue, and returns what was
 * reported since the last check.
 */
public final class NettyLeaks {

	private static final int GC_ROUNDS = 2;

	private static final long SENTINEL_WAIT_MILLIS = 2000;

	/**
	 * Creation sites of buffers that a library we depend on allocates for itself and
	 * frees only in a channel callback that may never run when its event loop is shut
	 * down while a connection is being set up; such a report says nothing about this
	 * project's code. Lettuce's {@code CommandHandler} allocates its read buffer in
	 * {@code channelRegistered} and releases it in {@code channelUnregistered}: a Spring
	 * context closed while its Redis connection is still being established (the
	 * auto-configuration tests start and close contexts within milliseconds) can stop the
	 * client's event loop before the unregistration, now and then, in a full run only.
	 */
	private static final List<String> KNOWN_THIRD_PARTY = List
		.of("io.lettuce.core.protocol.CommandHandler.channelRegistered");

	private static final List<RecordingLeakDetector<?>> detectors = new CopyOnWriteArrayList<>();

	private static final List<Leak> leaks = new ArrayList<>();

	private static volatile boolean installed;

	private NettyLeaks() {
	}

	/**
	 * Install the recording factory, once per JVM. Detectors Netty created before this
	 * call are not recorded, hence {@link #detectorCount()} for a sanity check.
	 */
	public static synchronized void install() {
		if (installed) {
			return;
		}
		ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
		installed = true;
	}

	/**
	 * Whether {@link #install()} ran in this JVM.
	 * @return {@code true} once installed
	 */
	public static boolean installed() {
		return installed;
	}

	/**
	 * The number of detectors Netty created through the recording factory.
	 * @return the detector count
	 */
	public static int detectorCount() {
		return detectors.size();
	}

	/**
	 * Collect garbage, drain every detector's reference queue and return (and forget) the
	 * leaks reported since the previous call.
	 * @return the leaks reported, oldest first; empty when there were none
	 */
	public static List<Leak> check() {
		for (int round = 0; round < GC_ROUNDS; round++) {
			collectGarbage();
			for (RecordingLeakDetector<?> detector : detectors) {
				detector.drain();
			}
		}
		synchronized (leaks) {
			List<Leak> reported = List.copyOf(leaks);
			leaks.clear();
			return reported;
		}
	}

	/**
	 * A message naming each leak and its access records, for a failed test.
	 * @param leaks the leaks, at least one
	 * @param where what ran before the leaks were found (a test class, the run)
	 * @return the message
	 */
	public static String describe(List<Leak> leaks, String where) {
		StringBuilder message = new StringBuilder();
		message.append(String.format(Locale.ROOT,
				"Netty reported %d leaked resource(s) after %s (a buffer not released before it was garbage-collected; "
						+ "io.netty.leakDetection.level=%s):",
				leaks.size(), where, ResourceLeakDetector.getLevel()));
		int n = 1;
		for (Leak leak : leaks) {
			message.append(String.format(Locale.ROOT, "%n%nLEAK %d: %s", n++, leak.resourceType()));
			message.append(leak.records().isEmpty() ? " (no access records: enable paranoid or advanced leak detection)"
					: String.format(Locale.ROOT, "%n%s", leak.records().strip()));
		}
		return message.toString();
	}

	private static void collectGarbage() {
		ReferenceQueue<Object> queue = new ReferenceQueue<>();
		WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SENTINEL_WAIT_MILLIS);
		try {
			while (System.nanoTime() < deadline) {
				System.gc();
				if (queue.remove(50) != null) {
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			Reference.reachabilityFence(sentinel);
		}
	}

	static void record(Leak leak) {
		String known = knownThirdPartyLeak(leak.records());
		if (known != null) {
			// logged, not failed: see KNOWN_THIRD_PARTY
			System.err.println("[leak guard] tolerated " + leak.resourceType() + " leak created by " + known
					+ " (a third-party buffer freed only on an event-loop callback that a shutdown can skip)");
			return;
		}
		synchronized (leaks) {
			leaks.add(leak);
		}
	}

	/**
	 * The known third-party creation site a leak's records name, or {@code null} when the
	 * leak is to be failed. The creation site is the first frame under "Created at:"
	 * outside Netty itself.
	 * @param records the access records of a leak report
	 * @return the matching entry of {@link #KNOWN_THIRD_PARTY}, or {@code null}
	 */
	static @org.jspecify.annotations.Nullable String knownThirdPartyLeak(String records) {
		int created = records.indexOf("Created at:");
		if (created < 0) {
			return null;
		}
		for (String line : records.substring(created + "Created at:".length()).split("\\R")) {
			String frame = line.strip();
			if (frame.isEmpty() || frame.startsWith("io.netty.")) {
				continue;
			}
			for (String known : KNOWN_THIRD_PARTY) {
				if (frame.startsWith(known)) {
					return known;
				}
			}
			return null;
		}
		return null;
	}

	/**
	 * One leak as Netty reported it.
	 *
	 * @param resourceType the simple name of the leaked type, as in Netty's report
	 * @param records the access records (where the object was created and touched), empty
	 * when the detection level records none
	 */
	public record Leak(String resourceType, String records) {

	}

	private static final class RecordingFactory extends ResourceLeakDetectorFactory {

		@Override
		public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
				long maxActive) {
			return newResourceLeakDetector(resource, samplingInterval);
		}

		@Override
		public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
			RecordingLeakDetector<T> detector = new RecordingLeakDetector<>(resource, samplingInterval);
			detectors.add(detector);
			return detector;
		}

	}

	private static final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

		RecordingLeakDetector(Class<T> resource, int samplingInterval) {
			super(resource, samplingInterval);
		}

		@Override
		protected boolean needReport() {
			// report even when the logger is off: the test run is the audience
			return true;
		}

		@Override
		protected void reportTracedLeak(String resourceType, String records) {
			record(new Leak(resourceType, records));
			super.reportTracedLeak(resourceType, records);
		}

		@Override
		protected void reportUntracedLeak(String resourceType) {
			record(new Leak(resourceType, ""));
			super.reportUntracedLeak(resourceType);
		}

		/**
		 * Make Netty poll this detector's reference queue: tracking always does before it
		 * creates the tracker, and closing the tracker at once leaves nothing behind.
		 */
		@SuppressWarnings("unchecked")
		void drain() {
			Object probe = new Object();
			ResourceLeakTracker<Object> tracker = ((ResourceLeakDetector<Object>) (ResourceLeakDetector<?>) this)
				.trackForcibly(probe);
			tracker.close(probe);
		}

	}

}
