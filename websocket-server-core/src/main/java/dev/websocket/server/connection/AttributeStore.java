package dev.websocket.server.connection;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Arbitrary data attached to one connection, as in BabDev's WebSocket Server:
 * {@code get}, {@code has}, {@code set}, {@code remove}, {@code replace} and {@code all}.
 * Thread-safe. Values are never {@code null}: setting {@code null} removes the name.
 *
 * <p>
 * A store may be given {@link Derived derived} attributes: values its owner answers from
 * its own state when asked (the engine's connections derive the reserved ones, such as
 * {@link Attributes#HTTP_REQUEST} and {@link Attributes#WAMP_SESSION_ID}, this way), so
 * that a connection whose application stores nothing holds no map at all. To every caller
 * a derived attribute is an attribute like any other: setting it stores the new value in
 * its place, removing it hides it.
 */
public final class AttributeStore {

	/** What a store answers without holding it: derived from its owner's state. */
	public interface Derived {

		/**
		 * The value of a derived attribute, read when asked.
		 * @param name the name
		 * @return the value, or {@code null} when this name is not derived (now)
		 */
		@Nullable Object derivedAttribute(String name);

		/**
		 * Passes every derived attribute that has a value now.
		 * @param action receives each name and value
		 */
		void forEachDerivedAttribute(BiConsumer<String, Object> action);

	}

	private static final Derived NONE = new Derived() {

		@Override
		public @Nullable Object derivedAttribute(String name) {
			return null;
		}

		@Override
		public void forEachDerivedAttribute(BiConsumer<String, Object> action) {
		}

	};

	/** Stored in place of a derived attribute that was removed: it stays hidden. */
	private static final Object REMOVED = new Object();

	private final Derived derived;

	/**
	 * What was stored, created on the first write: most connections store nothing.
	 * Derived names removed are kept as {@link #REMOVED}.
	 */
	private volatile @Nullable Map<String, Object> values;

	/** An empty store. */
	public AttributeStore() {
		this(NONE);
	}

	/**
	 * A store whose owner answers some attributes from its own state.
	 * @param derived the derived attributes
	 */
	public AttributeStore(Derived derived) {
		this.derived = derived;
	}

	/** The value stored under {@code name}, or {@code null}. @param name the name */
	public @Nullable Object get(String name) {
		Map<String, Object> stored = this.values;
		Object value = (stored != null) ? stored.get(name) : null;
		if (value == null) {
			return this.derived.derivedAttribute(name);
		}
		return (value != REMOVED) ? value : null;
	}

	/**
	 * The value stored under {@code name}, not asking the derived attributes: for an
	 * owner that knows its derived value already.
	 * @param name the name
	 * @return the stored value, or {@code null}
	 */
	public @Nullable Object getStored(String name) {
		Map<String, Object> stored = this.values;
		Object value = (stored != null) ? stored.get(name) : null;
		return (value != REMOVED) ? value : null;
	}

	/**
	 * The value stored under {@code name}, or {@code defaultValue} when there is none.
	 * @param name the name
	 * @param defaultValue what to return when the name is absent
	 * @param <T> the value type
	 * @return the value or the default
	 */
	@SuppressWarnings("unchecked")
	public <T> T get(String name, T defaultValue) {
		Object value = get(name);
		return (value != null) ? (T) value : defaultValue;
	}

	/**
	 * The value stored under {@code name} as the given type.
	 * @param name the name
	 * @param type the expected type
	 * @param <T> the value type
	 * @return the value, or {@code null} when absent
	 * @throws ClassCastException when the value has another type
	 */
	public <T> @Nullable T get(String name, Class<T> type) {
		return type.cast(get(name));
	}

	/**
	 * Returns the value under {@code name}, storing the computed one first when absent.
	 * @param name the name
	 * @param factory computes the value; called at most once per absent name
	 * @param <T> the value type
	 * @return the stored value
	 */
	@SuppressWarnings("unchecked")
	public <T> T computeIfAbsent(String name, Supplier<T> factory) {
		Object present = get(name);
		if (present != null) {
			return (T) present;
		}
		Object[] result = new Object[1];
		values().compute(name, (key, current) -> {
			if (current != null && current != REMOVED) {
				result[0] = current;
				return current;
			}
			if (current == null) {
				// a derived value that appeared meanwhile wins, as a stored one would
				Object derivedValue = this.derived.derivedAttribute(key);
				if (derivedValue != null) {
					result[0] = derivedValue;
					return null;
				}
			}
			T value = factory.get();
			result[0] = value;
			return value;
		});
		return (T) result[0];
	}

	/** Whether a value is stored under {@code name}. @param name the name */
	public boolean has(String name) {
		return get(name) != null;
	}

	/**
	 * Stores a value; {@code null} removes the name.
	 * @param name the name
	 * @param value the value
	 */
	public void set(String name, @Nullable Object value) {
		if (value == null) {
			remove(name);
		}
		else {
			values().put(name, value);
		}
	}

	/** Removes the value stored under {@code name}, if any. @param name the name */
	public void remove(String name) {
		Map<String, Object> stored = this.values;
		if (stored == null && this.derived.derivedAttribute(name) == null) {
			return;
		}
		// a derived name stays hidden; any other is simply forgotten
		values().compute(name, (key, current) -> (this.derived.derivedAttribute(key) != null) ? REMOVED : null);
	}

	/**
	 * Replaces every stored value with the given ones.
	 * @param replacement the new contents; {@code null} values are skipped
	 */
	public synchronized void replace(Map<String, ?> replacement) {
		Map<String, Object> stored = values();
		stored.clear();
		this.derived.forEachDerivedAttribute((name, value) -> stored.put(name, REMOVED));
		replacement.forEach((name, value) -> {
			if (value != null) {
				stored.put(name, value);
			}
		});
	}

	/** A snapshot of every stored value. */
	public Map<String, Object> all() {
		Map<String, Object> all = new HashMap<>();
		this.derived.forEachDerivedAttribute(all::put);
		Map<String, Object> stored = this.values;
		if (stored != null) {
			stored.forEach((name, value) -> {
				if (value == REMOVED) {
					all.remove(name);
				}
				else {
					all.put(name, value);
				}
			});
		}
		return Map.copyOf(all);
	}

	private Map<String, Object> values() {
		Map<String, Object> stored = this.values;
		if (stored != null) {
			return stored;
		}
		synchronized (this) {
			stored = this.values;
			if (stored == null) {
				stored = new ConcurrentHashMap<>();
				this.values = stored;
			}
			return stored;
		}
	}

}
