package dev.websocket.server.middleware;

import java.util.List;
import java.util.Map;

import dev.websocket.server.middleware.HandshakeRejectedException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BlockedAddressMiddlewareTests {

	private final RecordingChain chain = new RecordingChain();

	private static TestConnection from(String address) {
		return TestConnection.of(TestConnection.request(address, Map.of(), List.of("wamp")));
	}

	@Test
	void blockedAddressIsRefusedWith403() {
		BlockedAddressMiddleware middleware = new BlockedAddressMiddleware(List.of("10.0.0.0/8"), List.of());
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> middleware.onOpen(from("10.1.2.3"), chain))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(403);
				assertThat(ex.reason()).isEqualTo(Reason.ADDRESS);
			});
		assertThat(chain.opened).isEmpty();
	}

	@Test
	void unblockedAddressPassesOn() {
		BlockedAddressMiddleware middleware = new BlockedAddressMiddleware(List.of("10.0.0.0/8"), List.of());
		TestConnection connection = from("192.0.2.1");
		middleware.onOpen(connection, chain);
		assertThat(chain.opened).containsExactly(connection);
	}

	@Test
	void addressOutsideTheAllowedListIsRefused() {
		BlockedAddressMiddleware middleware = new BlockedAddressMiddleware(List.of(), List.of("192.0.2.0/24"));
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> middleware.onOpen(from("198.51.100.1"), chain));
	}

	@Test
	void addressInTheAllowedListPasses() {
		BlockedAddressMiddleware middleware = new BlockedAddressMiddleware(List.of(), List.of("192.0.2.0/24", "::1"));
		middleware.onOpen(from("192.0.2.99"), chain);
		middleware.onOpen(from("::1"), chain);
		assertThat(chain.opened).hasSize(2);
	}

	@Test
	void blockedWinsOverAllowed() {
		BlockedAddressMiddleware middleware = new BlockedAddressMiddleware(List.of("192.0.2.7"),
				List.of("192.0.2.0/24"));
		assertThat(middleware.isAllowed("192.0.2.7")).isFalse();
		assertThat(middleware.isAllowed("192.0.2.8")).isTrue();
	}

	@Test
	void mappedIpv6ClientIsCheckedAsIpv4() {
		BlockedAddressMiddleware middleware = new BlockedAddressMiddleware(List.of("203.0.113.0/24"), List.of());
		assertThat(middleware.isAllowed("::ffff:203.0.113.5")).isFalse();
	}

	@Test
	void unknownAddressIsRefusedOnlyWithAnAllowedList() {
		assertThat(new BlockedAddressMiddleware(List.of("10.0.0.0/8"), List.of()).isAllowed("not-an-ip")).isTrue();
		assertThat(new BlockedAddressMiddleware(List.of(), List.of("10.0.0.0/8")).isAllowed("not-an-ip")).isFalse();
		assertThat(new BlockedAddressMiddleware(List.of(), List.of("10.0.0.0/8")).isAllowed(null)).isFalse();
	}

	@Test
	void invalidRuleFailsAtConstructionNamingTheRule() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BlockedAddressMiddleware(List.of("10.0.0.0/8", "bad.host"), List.of()))
			.withMessageContaining("'bad.host'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BlockedAddressMiddleware(List.of(), List.of("300.1.1.1")))
			.withMessageContaining("'300.1.1.1'");
	}

	@Test
	void runsOutermost() {
		assertThat(new BlockedAddressMiddleware(List.of()).order()).isEqualTo(Middleware.BLOCKED_ADDRESSES_ORDER);
	}

}
