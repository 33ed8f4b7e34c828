package dev.websocket.server.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The token buckets of {@link PublishBudget}, driven by explicit clock readings. */
class PublishBudgetTests {

	private static final long SECOND = 1_000_000_000L;

	private static final long START = 123_456_789L;

	@Test
	void aQuietConnectionMayPublishItsBurstAtOnce() {
		PublishBudget budget = new PublishBudget(new PublishLimits(10, 5, 0, 1, OverflowPolicy.DROP), START);
		for (int i = 0; i < 5; i++) {
			assertThat(budget.tryAcquire(10, START)).as("publish %d", i).isTrue();
		}
		assertThat(budget.tryAcquire(10, START)).isFalse();
	}

	@Test
	void theBudgetRefillsAtTheRate() {
		PublishBudget budget = new PublishBudget(new PublishLimits(10, 1, 0, 1, OverflowPolicy.DROP), START);
		assertThat(budget.tryAcquire(10, START)).isTrue();
		assertThat(budget.tryAcquire(10, START + SECOND / 20)).isFalse();
		assertThat(budget.tryAcquire(10, START + SECOND / 10)).isTrue();
		assertThat(budget.tryAcquire(10, START + SECOND / 10)).isFalse();
	}

	@Test
	void aSustainedFloodGetsTheRateAndNoMore() {
		PublishBudget budget = new PublishBudget(new PublishLimits(100, 20, 0, 1, OverflowPolicy.DROP), START);
		int accepted = 0;
		// 10,000 attempts spread evenly over 2 seconds
		for (int i = 0; i < 10_000; i++) {
			if (budget.tryAcquire(10, START + i * (2 * SECOND / 10_000))) {
				accepted++;
			}
		}
		assertThat(accepted).isBetween(20 + 199, 20 + 201);
	}

	@Test
	void aRefusedPublishIsNotCharged() {
		PublishBudget budget = new PublishBudget(new PublishLimits(10, 1, 1000, 1000, OverflowPolicy.DROP), START);
		assertThat(budget.tryAcquire(900, START)).isTrue();
		// over the byte budget: refused, and the event bucket is not charged either
		assertThat(budget.tryAcquire(900, START + SECOND / 10)).isFalse();
		assertThat(budget.tryAcquire(50, START + SECOND / 10)).isTrue();
	}

	@Test
	void theByteBudgetRefusesBigPublishesAndRefillsAtItsRate() {
		PublishBudget budget = new PublishBudget(new PublishLimits(0, 1, 1000, 2000, OverflowPolicy.DROP), START);
		assertThat(budget.tryAcquire(1500, START)).isTrue();
		assertThat(budget.tryAcquire(600, START)).isFalse();
		assertThat(budget.tryAcquire(500, START)).isTrue();
		assertThat(budget.tryAcquire(1000, START + SECOND / 2)).isFalse();
		assertThat(budget.tryAcquire(1000, START + SECOND)).isTrue();
	}

	@Test
	void zeroRatesAreNoLimit() {
		PublishBudget budget = new PublishBudget(PublishLimits.UNLIMITED, START);
		for (int i = 0; i < 100_000; i++) {
			assertThat(budget.tryAcquire(65_536, START)).isTrue();
		}
	}

	@Test
	void aHugeBurstDoesNotOverflow() {
		PublishBudget budget = new PublishBudget(
				new PublishLimits(1, Integer.MAX_VALUE, 1, Long.MAX_VALUE, OverflowPolicy.DROP), START);
		assertThat(budget.tryAcquire(65_536, START)).isTrue();
	}

	@Test
	void theClockMayWrapAround() {
		long nearWrap = Long.MAX_VALUE - SECOND / 20;
		PublishBudget budget = new PublishBudget(new PublishLimits(10, 1, 0, 1, OverflowPolicy.DROP), nearWrap);
		assertThat(budget.tryAcquire(10, nearWrap)).isTrue();
		assertThat(budget.tryAcquire(10, nearWrap + SECOND / 20)).isFalse();
		assertThat(budget.tryAcquire(10, nearWrap + SECOND / 10)).isTrue();
	}

	@Test
	void limitsAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PublishLimits(-1, 1, 0, 1, OverflowPolicy.DROP));
		assertThatIllegalArgumentException().isThrownBy(() -> new PublishLimits(10, 0, 0, 1, OverflowPolicy.DROP));
		assertThatIllegalArgumentException().isThrownBy(() -> new PublishLimits(10, 1, 10, 0, OverflowPolicy.DROP));
	}

}
