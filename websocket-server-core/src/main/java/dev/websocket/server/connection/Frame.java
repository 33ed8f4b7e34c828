package dev.websocket.server.connection;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.jspecify.annotations.Nullable;

/**
 * One outbound WebSocket data or control frame. Close is not a frame here: a connection
 * ends its outbound stream and reports its {@link CloseStatus} instead.
 */
public sealed interface Frame {

	/** The size this frame counts for in the outbound queue's byte limit. */
	int size();

	/**
	 * Creates a text frame, encoding it to UTF-8 once: a broadcast hands the same frame,
	 * and so the same bytes, to every subscriber, and transports write
	 * {@link Text#utf8()} without encoding the text again per connection. UTF-8 cannot
	 * carry a lone UTF-16 surrogate (Java's encoder writes {@code ?} for it), so the text
	 * must not hold one: the WAMP codec escapes them in the JSON it writes.
	 * @param text the payload
	 * @return the frame
	 */
	static Text text(String text) {
		return new Text(text, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Creates a text frame from its payload already encoded as UTF-8 (say, by a generator
	 * that writes bytes); the text is decoded from it only if asked for.
	 * @param utf8 the payload as well-formed UTF-8, not modified afterwards
	 * @return the frame
	 */
	static Text utf8(byte[] utf8) {
		return new Text(null, utf8, 0);
	}

	/**
	 * Creates a text frame that one broadcast hands to many receivers, held once by its
	 * creator: every outbound queue that accepts it holds it once more and lets go once
	 * the frame was written or discarded, and the creator lets go with
	 * {@link Text#release()} once it has offered the frame to every receiver. A transport
	 * may then keep one encoded form of the frame for all of them in
	 * {@link Text#cache(Encoded)}, released when the last hold goes.
	 * @param text the payload
	 * @return the frame, held once by the caller
	 */
	static Text shared(String text) {
		return new Text(text, text.getBytes(StandardCharsets.UTF_8), 1);
	}

	/**
	 * Creates a {@link #shared(String) shared} text frame from its payload already
	 * encoded as UTF-8, held once by the caller.
	 * @param utf8 the payload as well-formed UTF-8, not modified afterwards
	 * @return the frame, held once by the caller
	 */
	static Text sharedUtf8(byte[] utf8) {
		return new Text(null, utf8, 1);
	}

	/**
	 * A transport's encoded form of a shared text frame (say, one direct buffer that
	 * every receiver's write duplicates), kept on the frame and released once, when the
	 * last hold on the frame goes.
	 */
	interface Encoded {

		/** Frees the encoded form; called once. */
		void release();

	}

	/**
	 * A text frame; one instance may be shared by every subscriber of a broadcast, so
	 * neither it nor its bytes may be modified.
	 *
	 * <p>
	 * A frame made by {@link Frame#shared} counts its holds (its creator's and each
	 * outbound queue's) and carries a slot for a transport's {@link Encoded encoded form}
	 * of it, released when the count reaches zero; a frame made by {@link Frame#text}
	 * counts nothing ({@link #retain()} and {@link #release()} do nothing, and it caches
	 * nothing).
	 */
	final class Text implements Frame {

		private static final AtomicIntegerFieldUpdater<Text> HOLDS = AtomicIntegerFieldUpdater.newUpdater(Text.class,
				"holds");

		private static final AtomicReferenceFieldUpdater<Text, @Nullable Encoded> ENCODED = AtomicReferenceFieldUpdater
			.newUpdater(Text.class, Encoded.class, "encoded");

		/**
		 * The payload, decoded from {@link #utf8} when first asked for if not given; two
		 * threads asking at once may both decode it, to equal strings.
		 */
		private @Nullable String text;

		private final byte[] utf8;

		private final boolean shared;

		private volatile int holds;

		private volatile @Nullable Encoded encoded;

		/**
		 * @param text the payload
		 * @param utf8 the payload encoded as UTF-8, what goes on the wire
		 */
		public Text(String text, byte[] utf8) {
			this(text, utf8, 0);
		}

		private Text(@Nullable String text, byte[] utf8, int holds) {
			this.text = text;
			this.utf8 = utf8;
			this.shared = holds > 0;
			this.holds = holds;
		}

		/** The payload. */
		public String text() {
			String decoded = text;
			if (decoded == null) {
				decoded = new String(utf8, StandardCharsets.UTF_8);
				text = decoded;
			}
			return decoded;
		}

		/** The payload encoded as UTF-8, what goes on the wire; do not modify. */
		public byte[] utf8() {
			return utf8;
		}

		@Override
		public int size() {
			return utf8.length;
		}

		/** Whether the frame counts holds and may cache an encoded form. */
		public boolean isShared() {
			return shared;
		}

		/**
		 * Holds the frame once more (a queue accepted it); nothing for a frame not
		 * shared.
		 */
		public void retain() {
			if (shared) {
				HOLDS.incrementAndGet(this);
			}
		}

		/**
		 * Lets go of one hold; the last one releases the cached encoded form, if any.
		 * Nothing for a frame not shared.
		 */
		public void release() {
			if (!shared) {
				return;
			}
			int left = HOLDS.decrementAndGet(this);
			if (left == 0) {
				Encoded cached = ENCODED.getAndSet(this, null);
				if (cached != null) {
					cached.release();
				}
			}
			else if (left < 0) {
				throw new IllegalStateException("Frame released more often than held");
			}
		}

		/** How many holds are left on a shared frame (0 once released, or not shared). */
		public int holds() {
			return holds;
		}

		/** The transport's encoded form of this frame, once one was cached. */
		public @Nullable Encoded encoded() {
			return encoded;
		}

		/**
		 * Caches a transport's encoded form of this shared frame, the caller holding the
		 * frame (it polled it from a queue and has not released it yet). When another
		 * thread cached one first, {@code candidate} is released and that one returned.
		 * @param candidate the encoded form
		 * @return the cached encoded form
		 */
		public Encoded cache(Encoded candidate) {
			if (!shared) {
				throw new IllegalStateException("Only a shared frame caches its encoded form");
			}
			if (ENCODED.compareAndSet(this, null, candidate)) {
				return candidate;
			}
			candidate.release();
			Encoded cached = encoded;
			if (cached == null) {
				throw new IllegalStateException("Frame released while held");
			}
			return cached;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return (other instanceof Text that) && Arrays.equals(utf8, that.utf8);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(utf8);
		}

		@Override
		public String toString() {
			return "Text[" + text() + "]";
		}

	}

	/** A binary frame. @param data the payload */
	record Binary(byte[] data) implements Frame {
		@Override
		public int size() {
			return data.length;
		}
	}

	/** A ping frame. @param data the payload, at most 125 bytes */
	record Ping(byte[] data) implements Frame {
		@Override
		public int size() {
			return data.length;
		}
	}

	/** A pong frame. @param data the payload, at most 125 bytes */
	record Pong(byte[] data) implements Frame {
		@Override
		public int size() {
			return data.length;
		}
	}

}
