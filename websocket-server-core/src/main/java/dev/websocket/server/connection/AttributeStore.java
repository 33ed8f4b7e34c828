package dev.websocket.server.connection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Arbitrary data attached to one connection, as in BabDev's WebSocket Server:
 * {@code get}, {@code has}, {@code set}, {@code remove}, {@code replace} and {@code all}.
 * Thread-safe. Values are never {@code null}: setting {@code null} removes the name.
 */
public final class AttributeStore {

	private final Map<String, Object> values = new ConcurrentHashMap<>();

	/** The value stored under {@code name}, or {@code null}. @param name the name */
	public @Nullable Object get(String name) {
		return values.get(name);
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
		Object value = values.get(name);
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
		return type.cast(values.get(name));
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
		return (T) values.computeIfAbsent(name, (key) -> factory.get());
	}

	/** Whether a value is stored under {@code name}. @param name the name */
	public boolean has(String name) {
		return values.containsKey(name);
	}

	/**
	 * Stores a value; {@code null} removes the name.
	 * @param name the name
	 * @param value the value
	 */
	public void set(String name, @Nullable Object value) {
		if (value == null) {
			values.remove(name);
		}
		else {
			values.put(name, value);
		}
	}

	/** Removes the value stored under {@code name}, if any. @param name the name */
	public void remove(String name) {
		values.remove(name);
	}

	/**
	 * Replaces every stored value with the given ones.
	 * @param replacement the new contents; {@code null} values are skipped
	 */
	public synchronized void replace(Map<String, ?> replacement) {
		values.clear();
		replacement.forEach(this::set);
	}

	/** A snapshot of every stored value. */
	public Map<String, Object> all() {
		return Map.copyOf(values);
	}

}
