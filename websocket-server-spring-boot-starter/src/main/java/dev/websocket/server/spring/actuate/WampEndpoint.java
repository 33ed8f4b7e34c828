package dev.websocket.server.spring.actuate;

import java.security.Principal;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.websocket.server.broker.Broker;
import dev.websocket.server.connection.Attributes;
import dev.websocket.server.connection.CloseCodes;
import dev.websocket.server.connection.HttpRequest;
import dev.websocket.server.engine.WampServer;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.topic.Topic;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code wamp} actuator endpoint: this node's sessions (by protocol, by user), its
 * busiest topics with their subscriber counts, the procedure and topic patterns
 * registered and the broker's state; one session's details by id
 * ({@code /actuator/wamp/{sessionId}}), and a delete operation on it that closes the
 * session with 1008. Like Boot's own endpoints it is not exposed over HTTP unless
 * {@code management.endpoints.web.exposure.include} names it.
 */
@Endpoint(id = "wamp")
public class WampEndpoint {

	/** The most topics (and users) listed, busiest first. */
	static final int MAX_LISTED = 100;

	/** The close reason a session closed from here gets. */
	static final String CLOSE_REASON = "Closed by an administrator";

	/** The key of WAMP v1 sessions: their subprotocol. */
	static final String V1 = "wamp";

	/**
	 * The key of WAMP v2 sessions, whichever serializer ({@code wamp.2.json} or
	 * {@code wamp.2.cbor}).
	 */
	static final String V2 = "wamp.2";

	private final WampServer server;

	/**
	 * @param server the server to report on
	 */
	public WampEndpoint(WampServer server) {
		this.server = server;
	}

	/**
	 * @return this node's sessions, topics, registrations and broker state
	 */
	@ReadOperation
	public WampDescriptor wamp() {
		Collection<WampConnection> connections = this.server.connections().all();
		Map<String, Long> byUser = connections.stream()
			.map(WampConnection::principal)
			.filter((principal) -> principal != null)
			.collect(Collectors.groupingBy(Principal::getName, Collectors.counting()));
		List<Topic> topics = this.server.liveTopics();
		List<TopicDescriptor> busiest = topics.stream()
			.map((topic) -> new TopicDescriptor(topic.uri(), topic.size()))
			.sorted(Comparator.comparingInt(TopicDescriptor::subscribers)
				.reversed()
				.thenComparing(TopicDescriptor::uri))
			.limit(MAX_LISTED)
			.toList();
		Broker broker = this.server.broker();
		return new WampDescriptor(
				new SessionsDescriptor(connections.size(),
						connections.stream()
							.collect(Collectors.groupingBy(WampEndpoint::protocolOf, TreeMap::new,
									Collectors.counting())),
						busiest(byUser)),
				new TopicsDescriptor(topics.size(), busiest), this.server.procedurePatterns(),
				this.server.topicPatterns(),
				new BrokerDescriptor(broker.getClass().getSimpleName(), broker.isAvailable()));
	}

	/**
	 * @param sessionId a WAMP session id
	 * @return the session's details, or {@code null} (404) when no session of this node
	 * has that id
	 */
	@ReadOperation
	public @Nullable SessionDescriptor session(@Selector String sessionId) {
		return this.server.connections().find(sessionId).map(WampEndpoint::describe).orElse(null);
	}

	/**
	 * Closes a session with 1008 and {@value #CLOSE_REASON}.
	 * @param sessionId a WAMP session id
	 * @return the closed session's details, or 404 when no session of this node has that
	 * id
	 */
	@DeleteOperation
	public WebEndpointResponse<@Nullable SessionDescriptor> close(@Selector String sessionId) {
		WampConnection connection = this.server.connections().find(sessionId).orElse(null);
		if (connection == null) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		SessionDescriptor descriptor = describe(connection);
		connection.close(CloseCodes.POLICY_VIOLATION, CLOSE_REASON);
		return new WebEndpointResponse<>(descriptor);
	}

	private static SessionDescriptor describe(WampConnection connection) {
		Principal principal = connection.principal();
		HttpRequest request = connection.attributes().get(Attributes.HTTP_REQUEST, HttpRequest.class);
		Object subscriptions = connection.attributes().get(Attributes.WAMP_SUBSCRIPTIONS);
		List<String> topics = (subscriptions instanceof Collection<?> collection)
				? collection.stream().map(String::valueOf).sorted().limit(MAX_LISTED).toList() : List.of();
		String origin = null;
		if (request != null) {
			List<String> origins = request.headers().getOrDefault("origin", List.of());
			origin = origins.isEmpty() ? null : origins.get(0);
		}
		return new SessionDescriptor(connection.sessionId(), protocolOf(connection),
				(principal != null) ? principal.getName() : null, (request != null) ? request.remoteAddress() : null,
				origin, (subscriptions instanceof Collection<?> collection) ? collection.size() : 0, topics);
	}

	private static String protocolOf(WampConnection connection) {
		return (connection.protocolVersion() == 2) ? V2 : V1;
	}

	private static Map<String, Long> busiest(Map<String, Long> counts) {
		Map<String, Long> result = new LinkedHashMap<>();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.limit(MAX_LISTED)
			.forEach((entry) -> result.put(entry.getKey(), entry.getValue()));
		return result;
	}

	/**
	 * What the endpoint reports.
	 *
	 * @param sessions the open sessions
	 * @param topics the topics with local subscribers
	 * @param procedures the registered procedure patterns
	 * @param topicPatterns the registered topic patterns
	 * @param broker the broker
	 */
	public record WampDescriptor(SessionsDescriptor sessions, TopicsDescriptor topics, List<String> procedures,
			List<String> topicPatterns, BrokerDescriptor broker) {
	}

	/**
	 * @param count open sessions on this node
	 * @param byProtocol open sessions by subprotocol
	 * @param byUser open sessions by user name, most first (at most 100 users; anonymous
	 * sessions are not listed)
	 */
	public record SessionsDescriptor(int count, Map<String, Long> byProtocol, Map<String, Long> byUser) {
	}

	/**
	 * @param count topics with local subscribers
	 * @param busiest the topics with the most subscribers, at most 100
	 */
	public record TopicsDescriptor(int count, List<TopicDescriptor> busiest) {
	}

	/**
	 * @param uri the topic URI
	 * @param subscribers its local subscribers
	 */
	public record TopicDescriptor(String uri, int subscribers) {
	}

	/**
	 * @param type the broker's class
	 * @param available whether it can reach the other nodes
	 */
	public record BrokerDescriptor(String type, boolean available) {
	}

	/**
	 * One session.
	 *
	 * @param sessionId its WAMP session id
	 * @param protocol its subprotocol
	 * @param user its principal's name, if any
	 * @param remoteAddress the client's address
	 * @param origin the handshake's {@code Origin} header, if any
	 * @param subscriptionCount how many topics it subscribed to
	 * @param subscriptions those topics (at most 100, sorted)
	 */
	public record SessionDescriptor(String sessionId, String protocol, @Nullable String user,
			@Nullable String remoteAddress, @Nullable String origin, int subscriptionCount,
			List<String> subscriptions) {
	}

}
