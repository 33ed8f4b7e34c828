package dev.websocket.server.middleware;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AddressMatcherTests {

	private static boolean matches(String rule, String address) {
		byte[] bytes = AddressMatcher.parseAddress(address);
		assertThat(bytes).as("parsed %s", address).isNotNull();
		return AddressMatcher.of(List.of(rule)).matches(bytes);
	}

	@Test
	void exactIpv4() {
		assertThat(matches("192.0.2.7", "192.0.2.7")).isTrue();
		assertThat(matches("192.0.2.7", "192.0.2.8")).isFalse();
	}

	@Test
	void ipv4CidrBoundaries() {
		assertThat(matches("10.1.0.0/16", "10.1.0.0")).isTrue();
		assertThat(matches("10.1.0.0/16", "10.1.255.255")).isTrue();
		assertThat(matches("10.1.0.0/16", "10.2.0.0")).isFalse();
		assertThat(matches("10.1.0.0/16", "10.0.255.255")).isFalse();
	}

	@Test
	void ipv4CidrWithPrefixNotOnAByteBoundary() {
		assertThat(matches("192.0.2.64/26", "192.0.2.64")).isTrue();
		assertThat(matches("192.0.2.64/26", "192.0.2.127")).isTrue();
		assertThat(matches("192.0.2.64/26", "192.0.2.63")).isFalse();
		assertThat(matches("192.0.2.64/26", "192.0.2.128")).isFalse();
	}

	@Test
	void hostBitsInTheRuleAreIgnored() {
		assertThat(matches("10.1.2.3/8", "10.200.0.1")).isTrue();
	}

	@Test
	void zeroPrefixMatchesEveryAddressOfItsFamily() {
		assertThat(matches("0.0.0.0/0", "203.0.113.9")).isTrue();
		assertThat(matches("0.0.0.0/0", "2001:db8::1")).isFalse();
		assertThat(matches("::/0", "2001:db8::1")).isTrue();
	}

	@Test
	void fullPrefixIsExact() {
		assertThat(matches("192.0.2.7/32", "192.0.2.7")).isTrue();
		assertThat(matches("192.0.2.7/32", "192.0.2.6")).isFalse();
	}

	@Test
	void exactIpv6InAnyNotation() {
		assertThat(matches("2001:db8::1", "2001:0db8:0000:0000:0000:0000:0000:0001")).isTrue();
		assertThat(matches("2001:DB8::1", "2001:db8::1")).isTrue();
		assertThat(matches("2001:db8::1", "2001:db8::2")).isFalse();
	}

	@Test
	void ipv6CidrBoundaries() {
		assertThat(matches("2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
		assertThat(matches("2001:db8::/32", "2001:db9::")).isFalse();
		assertThat(matches("2001:db8:8000::/33", "2001:db8:8000::1")).isTrue();
		assertThat(matches("2001:db8:8000::/33", "2001:db8:7fff::1")).isFalse();
	}

	@Test
	void ipv6Loopback() {
		assertThat(matches("::1", "::1")).isTrue();
		assertThat(matches("::1", "[::1]")).isTrue();
	}

	@Test
	void ipv6AddressWithZoneMatches() {
		assertThat(matches("fe80::1", "fe80::1%eth0")).isTrue();
	}

	@Test
	void ipv4MappedAddressMatchesIpv4Rule() {
		assertThat(matches("192.0.2.7", "::ffff:192.0.2.7")).isTrue();
		assertThat(matches("10.0.0.0/8", "::ffff:10.9.8.7")).isTrue();
		assertThat(matches("10.0.0.0/8", "::ffff:0a09:0807")).isTrue();
	}

	@Test
	void ipv4MappedRuleMatchesIpv4Address() {
		assertThat(matches("::ffff:192.0.2.7", "192.0.2.7")).isTrue();
		assertThat(matches("::ffff:10.0.0.0/104", "10.1.2.3")).isTrue();
		assertThat(matches("::ffff:10.0.0.0/104", "11.1.2.3")).isFalse();
	}

	@Test
	void ipv4RuleDoesNotMatchIpv6Address() {
		assertThat(matches("0.0.0.1", "::1")).isFalse();
	}

	@Test
	void hostNamesAreNotAddresses() {
		assertThat(AddressMatcher.parseAddress("localhost")).isNull();
		assertThat(AddressMatcher.parseAddress("example.com")).isNull();
		// Text InetAddress would not take as a literal (it would look it up) is refused
		// before it.
		assertThat(AddressMatcher.parseAddress(".:1")).isNull();
		assertThat(AddressMatcher.parseAddress("g::1")).isNull();
	}

	@Test
	void shorthandIpv4FormsAreNotAddresses() {
		assertThat(AddressMatcher.parseAddress("127.1")).isNull();
		assertThat(AddressMatcher.parseAddress("1.2.3.4.5")).isNull();
		assertThat(AddressMatcher.parseAddress("256.0.0.1")).isNull();
		assertThat(AddressMatcher.parseAddress("1..2.3")).isNull();
		assertThat(AddressMatcher.parseAddress("0x7f.0.0.1")).isNull();
	}

	@Test
	void hostNameRuleIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> AddressMatcher.of(List.of("localhost")))
			.withMessage("Invalid address rule 'localhost': not an IP address literal");
	}

	@Test
	void prefixOverTheAddressLengthIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> AddressMatcher.of(List.of("10.0.0.0/33")))
			.withMessage("Invalid address rule '10.0.0.0/33': prefix length over 32");
		assertThatIllegalArgumentException().isThrownBy(() -> AddressMatcher.of(List.of("::/129")))
			.withMessage("Invalid address rule '::/129': prefix length over 128");
	}

	@Test
	void nonNumericPrefixIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> AddressMatcher.of(List.of("10.0.0.0/x")))
			.withMessage("Invalid address rule '10.0.0.0/x': prefix length is not a number");
		assertThatIllegalArgumentException().isThrownBy(() -> AddressMatcher.of(List.of("10.0.0.0/")))
			.withMessage("Invalid address rule '10.0.0.0/': prefix length is not a number");
	}

	@Test
	void malformedIpv6RuleIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> AddressMatcher.of(List.of("2001:db8:::1")))
			.withMessage("Invalid address rule '2001:db8:::1': not an IP address literal");
	}

}
