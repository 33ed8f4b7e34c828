package dev.websocket.server.wamp.auth;

import java.util.List;

/**
 * The permissions a WAMP-CRA challenge announces and {@code auth} returns, in
 * AutobahnPython 0.8's layout: {@code {"rpc": [{uri, prefix, call}], "pubsub": [{uri,
 * prefix, pub, sub}]}}. They tell the client what it may do; the server enforces its own
 * authorization (the engine's authorizer, Spring's {@code WampSecurityRules}).
 *
 * @param rpc the procedures
 * @param pubsub the topics
 */
public record WampCraPermissions(List<Rpc> rpc, List<PubSub> pubsub) {

	/** No permissions announced. */
	public static final WampCraPermissions NONE = new WampCraPermissions(List.of(), List.of());

	public WampCraPermissions {
		rpc = List.copyOf(rpc);
		pubsub = List.copyOf(pubsub);
	}

	/**
	 * A procedure the client may call.
	 *
	 * @param uri the procedure URI, or a prefix of URIs
	 * @param prefix whether {@code uri} is a prefix
	 * @param call whether calling is allowed
	 */
	public record Rpc(String uri, boolean prefix, boolean call) {
	}

	/**
	 * A topic the client may use.
	 *
	 * @param uri the topic URI, or a prefix of URIs
	 * @param prefix whether {@code uri} is a prefix
	 * @param pub whether publishing is allowed
	 * @param sub whether subscribing is allowed
	 */
	public record PubSub(String uri, boolean prefix, boolean pub, boolean sub) {
	}

}
