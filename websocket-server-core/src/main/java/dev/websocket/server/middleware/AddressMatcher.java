package dev.websocket.server.middleware;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A set of IP address rules, each an exact address or a CIDR block, IPv4 or IPv6. Rules
 * and addresses are parsed from literals only, never through DNS. IPv4-mapped IPv6
 * addresses ({@code ::ffff:10.0.0.1}) are normalised to IPv4, both in rules (a mapped
 * CIDR block with a prefix of at least 96 bits becomes the IPv4 block) and in the
 * addresses checked.
 */
final class AddressMatcher {

	private final List<Rule> rules;

	private AddressMatcher(List<Rule> rules) {
		this.rules = rules;
	}

	/**
	 * @param rules exact addresses or CIDR blocks
	 * @throws IllegalArgumentException naming the first invalid rule
	 */
	static AddressMatcher of(Collection<String> rules) {
		List<Rule> parsed = new ArrayList<>(rules.size());
		for (String rule : rules) {
			parsed.add(Rule.parse(rule));
		}
		return new AddressMatcher(List.copyOf(parsed));
	}

	boolean isEmpty() {
		return rules.isEmpty();
	}

	/** Whether the address matches any rule. */
	boolean matches(byte[] address) {
		for (Rule rule : rules) {
			if (rule.matches(address)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Parses an address literal, as a transport reports it: brackets and an IPv6 zone are
	 * stripped, IPv4-mapped IPv6 becomes IPv4.
	 * @return the 4 or 16 bytes, or {@code null} when the text is not an IP literal
	 */
	static byte @Nullable [] parseAddress(String text) {
		String address = text.trim();
		if (address.length() > 2 && address.charAt(0) == '[' && address.charAt(address.length() - 1) == ']') {
			address = address.substring(1, address.length() - 1);
		}
		int zone = address.indexOf('%');
		if (zone != -1 && address.indexOf(':') != -1) {
			address = address.substring(0, zone);
		}
		return parseLiteral(address);
	}

	private static byte @Nullable [] parseLiteral(String address) {
		if (address.isEmpty() || address.length() > 45) {
			return null;
		}
		if (address.indexOf(':') == -1) {
			return parseIpv4(address);
		}
		// InetAddress treats the text as a literal only when it starts with a hex digit
		// or ':';
		// anything else (".:1") it would resolve through DNS, blocking the calling I/O
		// thread.
		char first = address.charAt(0);
		if (Character.digit(first, 16) == -1 && first != ':') {
			return null;
		}
		for (int i = 0; i < address.length(); i++) {
			char c = address.charAt(i);
			if (Character.digit(c, 16) == -1 && c != ':' && c != '.') {
				return null;
			}
		}
		try {
			// Starting with a hex digit or ':', containing a ':' and only hex digits, ':'
			// and '.',
			// the text is parsed by InetAddress as an IPv6 literal, never looked up.
			return normalise(InetAddress.getByName(address).getAddress());
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/** Strict dotted quad: four decimal parts of 1 to 3 digits, each at most 255. */
	private static byte @Nullable [] parseIpv4(String address) {
		byte[] bytes = new byte[4];
		int part = 0;
		int value = 0;
		int digits = 0;
		for (int i = 0; i <= address.length(); i++) {
			char c = (i < address.length()) ? address.charAt(i) : '.';
			if (c == '.') {
				if (digits == 0 || part == 4) {
					return null;
				}
				bytes[part++] = (byte) value;
				value = 0;
				digits = 0;
			}
			else if (c >= '0' && c <= '9' && digits < 3) {
				value = value * 10 + (c - '0');
				digits++;
				if (value > 255) {
					return null;
				}
			}
			else {
				return null;
			}
		}
		return (part == 4) ? bytes : null;
	}

	private static byte[] normalise(byte[] bytes) {
		if (bytes.length == 16 && isMapped(bytes)) {
			return new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] };
		}
		return bytes;
	}

	private static boolean isMapped(byte[] bytes) {
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
	}

	/**
	 * One exact address or CIDR block: the network bytes and the prefix length in bits.
	 */
	private record Rule(byte[] network, int prefix) {

		static Rule parse(String text) {
			String rule = text.trim();
			int slash = rule.indexOf('/');
			String addressPart = (slash != -1) ? rule.substring(0, slash) : rule;
			byte[] bytes = parseLiteralKeepingMapped(addressPart);
			if (bytes == null) {
				throw invalid(text, "not an IP address literal");
			}
			int prefix = bytes.length * 8;
			if (slash != -1) {
				String prefixPart = rule.substring(slash + 1);
				if (prefixPart.isEmpty() || prefixPart.length() > 3
						|| !prefixPart.chars().allMatch(Character::isDigit)) {
					throw invalid(text, "prefix length is not a number");
				}
				prefix = Integer.parseInt(prefixPart);
				if (prefix > bytes.length * 8) {
					throw invalid(text, "prefix length over " + (bytes.length * 8));
				}
			}
			if (bytes.length == 16 && isMapped(bytes) && prefix >= 96) {
				bytes = normalise(bytes);
				prefix -= 96;
			}
			return new Rule(mask(bytes, prefix), prefix);
		}

		/**
		 * Keeps IPv4-mapped IPv6 as 16 bytes, so that the prefix length can be rebased.
		 */
		private static byte @Nullable [] parseLiteralKeepingMapped(String address) {
			if (address.indexOf(':') == -1) {
				return parseIpv4(address);
			}
			byte[] bytes = parseLiteral(address);
			if (bytes != null && bytes.length == 4) {
				byte[] mapped = new byte[16];
				mapped[10] = (byte) 0xff;
				mapped[11] = (byte) 0xff;
				System.arraycopy(bytes, 0, mapped, 12, 4);
				return mapped;
			}
			return bytes;
		}

		private static byte[] mask(byte[] bytes, int prefix) {
			byte[] masked = bytes.clone();
			for (int i = 0; i < masked.length; i++) {
				int bits = Math.max(0, Math.min(8, prefix - i * 8));
				masked[i] &= (byte) (0xff << (8 - bits));
			}
			return masked;
		}

		boolean matches(byte[] address) {
			if (address.length != network.length) {
				return false;
			}
			int fullBytes = prefix / 8;
			for (int i = 0; i < fullBytes; i++) {
				if (address[i] != network[i]) {
					return false;
				}
			}
			int remainingBits = prefix % 8;
			if (remainingBits == 0) {
				return true;
			}
			int bitMask = 0xff << (8 - remainingBits);
			return (address[fullBytes] & bitMask) == (network[fullBytes] & bitMask);
		}

		private static IllegalArgumentException invalid(String rule, String problem) {
			return new IllegalArgumentException("Invalid address rule '" + rule + "': " + problem);
		}
	}

}
