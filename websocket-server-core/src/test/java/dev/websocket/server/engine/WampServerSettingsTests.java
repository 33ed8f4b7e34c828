package dev.websocket.server.engine;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WampServerSettingsTests {

	@Test
	void defaultsAreTheDocumentedLimits() {
		WampServerSettings defaults = WampServerSettings.defaults();
		assertThat(defaults.maxMessageSize()).isEqualTo(64 * 1024);
		assertThat(defaults.maxSubscriptions()).isEqualTo(1024);
		assertThat(defaults.maxPrefixes()).isEqualTo(256);
		assertThat(defaults.maxInFlightCalls()).isEqualTo(128);
		assertThat(defaults.maxUriLength()).isEqualTo(2048);
		assertThat(defaults.outboundMaxMessages()).isEqualTo(1024);
		assertThat(defaults.outboundMaxBytes()).isEqualTo(1024 * 1024);
		assertThat(defaults.pingInterval()).isEqualTo(Duration.ofSeconds(30));
		assertThat(defaults.maxUnansweredPings()).isEqualTo(2);
		assertThat(defaults.excludePublisherByDefault()).isFalse();
	}

	@Test
	void outOfRangeLimitIsRejectedNamingTheSetting() {
		TestSettings settings = TestSettings.defaults();
		settings.outboundMaxMessages = 0;
		assertThatIllegalArgumentException().isThrownBy(settings::build).withMessageContaining("outboundMaxMessages");
	}

	@Test
	void negativePingIntervalIsRejected() {
		TestSettings settings = TestSettings.defaults();
		settings.pingInterval = Duration.ofSeconds(-1);
		assertThatIllegalArgumentException().isThrownBy(settings::build).withMessageContaining("pingInterval");
	}

	@Test
	void toBuilderKeepsEveryValueAndChangesOnlyWhatIsSet() {
		WampServerSettings custom = WampServerSettings.builder()
			.serverIdent("test/1")
			.maxPrefixes(3)
			.callTimeout(Duration.ZERO)
			.build();
		WampServerSettings changed = custom.toBuilder().maxSubscriptions(7).build();
		assertThat(custom.toBuilder().build()).isEqualTo(custom);
		assertThat(changed.serverIdent()).isEqualTo("test/1");
		assertThat(changed.maxPrefixes()).isEqualTo(3);
		assertThat(changed.callTimeout()).isZero();
		assertThat(changed.maxSubscriptions()).isEqualTo(7);
	}

	@Test
	void builderRejectsAnOutOfRangeValueWhenItIsSet() {
		assertThatIllegalArgumentException().isThrownBy(() -> WampServerSettings.builder().maxInFlightCalls(0))
			.withMessage("maxInFlightCalls must be at least 1 but was 0");
	}

	@Test
	void negativeCallTimeoutIsRejectedAndZeroTurnsItOff() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WampServerSettings.builder().callTimeout(Duration.ofSeconds(-1)))
			.withMessageContaining("callTimeout");
		assertThat(WampServerSettings.builder().callTimeout(Duration.ZERO).build().callTimeout()).isZero();
	}

	@Test
	void pauseReadingAtIsAFractionOfTheOutboundBounds() {
		assertThat(WampServerSettings.defaults().outboundPauseReadingAt()).isEqualTo(0.5);
		assertThat(WampServerSettings.builder().outboundPauseReadingAt(1.0).build().outboundPauseReadingAt())
			.isEqualTo(1.0);
		for (double outOfRange : new double[] { 0, -0.5, 1.5, Double.NaN }) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> WampServerSettings.builder().outboundPauseReadingAt(outOfRange))
				.withMessageContaining("outboundPauseReadingAt");
		}
	}

}
