package dev.websocket.server.middleware;

import java.util.Collection;
import java.util.List;

import dev.websocket.server.connection.Attributes;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.middleware.HandshakeRejectedException.Reason;
import dev.websocket.server.wamp.WampConnection;
import org.jspecify.annotations.Nullable;

/**
 * The outermost built-in layer: refuses handshakes from blocked IP addresses with HTTP
 * 403 ({@link Reason#ADDRESS}). Each rule is an exact address ({@code 192.0.2.7},
 * {@code 2001:db8::1}) or a CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). Rules
 * and client addresses are parsed as literals only, never resolved through DNS, and
 * IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.7}) are treated as the IPv4 address
 * they carry.
 *
 * <p>
 * An address is refused when it matches a blocked rule, or when the allowed list is not
 * empty and the address matches none of its rules (blocked wins over allowed). A client
 * whose address the transport could not report as an IP literal is refused only when an
 * allowed list is set.
 */
public final class BlockedAddressMiddleware implements Middleware {

	private final AddressMatcher blocked;

	private final AddressMatcher allowed;

	/**
	 * @param blocked addresses and CIDR blocks to refuse
	 * @param allowed when not empty, the only addresses and CIDR blocks accepted
	 * @throws IllegalArgumentException naming the first invalid rule
	 */
	public BlockedAddressMiddleware(Collection<String> blocked, Collection<String> allowed) {
		this.blocked = AddressMatcher.of(blocked);
		this.allowed = AddressMatcher.of(allowed);
	}

	/**
	 * A layer with only a block list.
	 * @param blocked addresses and CIDR blocks to refuse
	 */
	public BlockedAddressMiddleware(Collection<String> blocked) {
		this(blocked, List.of());
	}

	@Override
	public int order() {
		return BLOCKED_ADDRESSES_ORDER;
	}

	@Override
	public void onOpen(WampConnection connection, Chain chain) {
		String address = remoteAddress(connection);
		if (!isAllowed(address)) {
			throw new HandshakeRejectedException(403, Reason.ADDRESS, "Address not allowed: " + address);
		}
		chain.onOpen(connection);
	}

	/**
	 * Whether a client address passes the rules.
	 * @param address the address literal, {@code null} when unknown
	 * @return {@code true} to let the handshake proceed
	 */
	boolean isAllowed(@Nullable String address) {
		byte[] bytes = (address != null) ? AddressMatcher.parseAddress(address) : null;
		if (bytes == null) {
			return allowed.isEmpty();
		}
		if (blocked.matches(bytes)) {
			return false;
		}
		return allowed.isEmpty() || allowed.matches(bytes);
	}

	private static @Nullable String remoteAddress(WampConnection connection) {
		Object request = connection.attributes().get(Attributes.HTTP_REQUEST);
		if (request instanceof HttpRequest httpRequest) {
			return httpRequest.remoteAddress();
		}
		Object address = connection.attributes().get(Attributes.REMOTE_ADDRESS);
		return (address != null) ? address.toString() : null;
	}

}
