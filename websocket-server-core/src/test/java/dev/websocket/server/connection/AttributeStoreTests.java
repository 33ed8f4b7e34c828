package dev.websocket.server.connection;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttributeStoreTests {

	/** An owner deriving {@code owner.name} from a field it may change. */
	static final class Owner implements AttributeStore.Derived {

		volatile @Nullable String name = "alice";

		@Override
		public @Nullable Object derivedAttribute(String attribute) {
			return attribute.equals("owner.name") ? this.name : null;
		}

		@Override
		public void forEachDerivedAttribute(BiConsumer<String, Object> action) {
			String current = this.name;
			if (current != null) {
				action.accept("owner.name", current);
			}
		}

	}

	private final Owner owner = new Owner();

	private final AttributeStore store = new AttributeStore(this.owner);

	@Test
	void answersADerivedAttributeFromItsOwnerWhenAsked() {
		assertThat(this.store.get("owner.name")).isEqualTo("alice");
		assertThat(this.store.has("owner.name")).isTrue();
		this.owner.name = "bob";
		assertThat(this.store.get("owner.name", String.class)).isEqualTo("bob");
		assertThat(this.store.all()).containsExactlyEntriesOf(Map.of("owner.name", "bob"));
	}

	@Test
	void aStoredValueReplacesADerivedOne() {
		this.store.set("owner.name", "carol");
		this.owner.name = "bob";
		assertThat(this.store.get("owner.name")).isEqualTo("carol");
		assertThat(this.store.all()).containsEntry("owner.name", "carol");
	}

	@Test
	void aRemovedDerivedAttributeStaysHiddenUntilSetAgain() {
		this.store.remove("owner.name");
		assertThat(this.store.get("owner.name")).isNull();
		assertThat(this.store.has("owner.name")).isFalse();
		assertThat(this.store.get("owner.name", "none")).isEqualTo("none");
		assertThat(this.store.all()).doesNotContainKey("owner.name");
		this.store.set("owner.name", "dave");
		assertThat(this.store.get("owner.name")).isEqualTo("dave");
	}

	@Test
	void settingNullRemovesADerivedAttributeToo() {
		this.store.set("owner.name", null);
		assertThat(this.store.has("owner.name")).isFalse();
	}

	@Test
	void replaceDropsTheDerivedAttributesItDoesNotName() {
		this.store.set("colour", "red");
		this.store.replace(Map.of("size", 3));
		assertThat(this.store.all()).containsExactlyEntriesOf(Map.of("size", 3));
		this.store.replace(Map.of("owner.name", "erin"));
		assertThat(this.store.get("owner.name")).isEqualTo("erin");
	}

	@Test
	void computeIfAbsentKeepsADerivedValueAndComputesAMissingOneOnce() {
		AtomicInteger calls = new AtomicInteger();
		assertThat(this.store.computeIfAbsent("owner.name", () -> "never")).isEqualTo("alice");
		assertThat(this.store.computeIfAbsent("count", () -> calls.incrementAndGet())).isEqualTo(1);
		assertThat(this.store.computeIfAbsent("count", () -> calls.incrementAndGet())).isEqualTo(1);
		assertThat(calls).hasValue(1);
		this.store.remove("owner.name");
		assertThat(this.store.computeIfAbsent("owner.name", () -> "frank")).isEqualTo("frank");
	}

	@Test
	void aPlainStoreHoldsWhatIsSetAndNothingElse() {
		AttributeStore plain = new AttributeStore();
		assertThat(plain.all()).isEmpty();
		assertThat(plain.get("owner.name")).isNull();
		plain.remove("missing");
		plain.set("a", 1);
		plain.remove("a");
		assertThat(plain.has("a")).isFalse();
		assertThat(plain.all()).isEmpty();
	}

}
