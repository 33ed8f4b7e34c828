package dev.websocket.server.engine;

import java.security.Principal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.websocket.server.support.RandomIds;
import dev.websocket.server.wamp.auth.WampCra;
import dev.websocket.server.wamp.auth.WampCraSecret;
import dev.websocket.server.wamp2.auth.Wamp2Authentication;
import dev.websocket.server.wamp2.auth.Wamp2Authenticator;
import dev.websocket.server.wamp2.auth.Wamp2Principal;
import dev.websocket.server.wamp2.codec.Wamp2ProtocolException;
import dev.websocket.server.wamp2.message.Wamp2Message;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The login decisions of a WAMP v2 session, apart from its states: what a HELLO leads to
 * (WELCOME, a CHALLENGE, or a refusal) and whether an AUTHENTICATE passes. The HELLO's
 * {@code authmethods} are tried in the client's order; the first one the router accepts
 * decides. Stateless apart from its settings.
 */
final class Wamp2Login {

	private static final Logger logger = LoggerFactory.getLogger(Wamp2Login.class);

	static final String ANONYMOUS = "anonymous";

	/** The authmethod of a handshake principal. */
	static final String TRANSPORT = "transport";

	/** The authprovider of anonymous and handshake logins. */
	static final String STATIC = "static";

	/** The nonce of a wampcra challenge: 128 random bits. */
	private static final int NONCE_BYTES = 16;

	private final Wamp2Authentication authentication;

	private final JsonMapper mapper;

	Wamp2Login(Wamp2Authentication authentication, JsonMapper mapper) {
		this.authentication = authentication;
		this.mapper = mapper;
	}

	/** What a HELLO leads to. */
	sealed interface Outcome {

	}

	/**
	 * The session is welcomed.
	 *
	 * @param principal the user to make the connection's, {@code null} to keep it
	 */
	record Welcome(String authid, String authrole, String authmethod, String authprovider,
			@Nullable Principal principal) implements Outcome {
	}

	/** The client is challenged; {@code pending} checks its AUTHENTICATE. */
	record Challenge(Wamp2Message.Challenge message, Pending pending) implements Outcome {
	}

	/** No offered method is accepted. */
	record Refused(String message) implements Outcome {
	}

	/**
	 * A challenge awaiting its AUTHENTICATE.
	 *
	 * @param expectedSignature the wampcra signature expected, {@code null} for a ticket
	 */
	record Pending(String authmethod, String authid, String authrole, String authprovider,
			@Nullable String expectedSignature) {
	}

	/**
	 * Decides a HELLO.
	 * @param connection the session's connection
	 * @param details the HELLO's details
	 * @throws Wamp2ProtocolException when {@code authmethods} or {@code authid} has the
	 * wrong type
	 */
	Outcome hello(Wamp2Connection connection, JsonNode details) {
		List<String> offered = authmethods(details);
		String authid = authid(details);
		Principal handshake = connection.principal();
		if (handshake != null) {
			return new Welcome(handshake.getName(), "user", TRANSPORT, STATIC, null);
		}
		Wamp2Authenticator authenticator = authentication.authenticator();
		Set<String> accepted = (authenticator != null) ? authenticator.authmethods() : Set.of();
		for (String method : offered) {
			if (ANONYMOUS.equals(method) && !authentication.required()) {
				return new Welcome(ANONYMOUS, ANONYMOUS, ANONYMOUS, STATIC, null);
			}
			if (authenticator == null || authid == null || !accepted.contains(method)) {
				continue;
			}
			if (Wamp2Authenticator.TICKET.equals(method)) {
				Pending pending = new Pending(method, authid, authenticator.authrole(authid, method),
						authenticator.authprovider(), null);
				return new Challenge(new Wamp2Message.Challenge(method, Map.of()), pending);
			}
			if (Wamp2Authenticator.WAMPCRA.equals(method)) {
				return wampcra(connection, authenticator, authid);
			}
		}
		return new Refused("None of the authmethods offered " + offered + " is accepted");
	}

	/**
	 * The wampcra challenge: a JSON text with {@code authid}, {@code authrole},
	 * {@code authmethod}, {@code authprovider}, {@code nonce}, {@code timestamp} and
	 * {@code session}, plus {@code salt}, {@code keylen} and {@code iterations} for a
	 * salted secret. An unknown authid is challenged with a random key, so it fails as a
	 * wrong secret does.
	 */
	private Challenge wampcra(Wamp2Connection connection, Wamp2Authenticator authenticator, String authid) {
		String method = Wamp2Authenticator.WAMPCRA;
		WampCraSecret secret = authenticator.wampcraSecret(authid);
		String key = (secret != null) ? secret.key() : RandomIds.next(NONCE_BYTES);
		String authrole = authenticator.authrole(authid, method);
		String authprovider = authenticator.authprovider();
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("authid", authid);
		info.put("authrole", authrole);
		info.put("authmethod", method);
		info.put("authprovider", authprovider);
		info.put("nonce", RandomIds.next(NONCE_BYTES));
		info.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
		info.put("session", connection.v2SessionId());
		String challenge = mapper.writeValueAsString(info);
		Map<String, Object> extra = new LinkedHashMap<>();
		extra.put("challenge", challenge);
		WampCraSecret.KeyDerivation derivation = (secret != null) ? secret.derivation() : null;
		if (derivation != null) {
			extra.put("salt", derivation.salt());
			extra.put("keylen", derivation.keyLength());
			extra.put("iterations", derivation.iterations());
		}
		Pending pending = new Pending(method, authid, authrole, authprovider, WampCra.sign(key, challenge));
		return new Challenge(new Wamp2Message.Challenge(method, extra), pending);
	}

	/**
	 * Checks an AUTHENTICATE.
	 * @param pending the challenge it answers
	 * @param signature its signature field (the ticket, or the wampcra signature)
	 * @return the welcome, or {@code null} when the login fails
	 */
	@Nullable Welcome authenticate(Pending pending, String signature) {
		Wamp2Authenticator authenticator = authentication.authenticator();
		if (authenticator == null) {
			return null;
		}
		try {
			String expected = pending.expectedSignature();
			boolean valid = (expected != null) ? WampCra.matches(expected, signature)
					: authenticator.verifyTicket(pending.authid(), signature);
			if (!valid) {
				return null;
			}
			Wamp2Principal login = new Wamp2Principal(pending.authid(), pending.authrole(), pending.authmethod(),
					pending.authprovider());
			return new Welcome(pending.authid(), pending.authrole(), pending.authmethod(), pending.authprovider(),
					authenticator.principal(login));
		}
		catch (RuntimeException ex) {
			// the application's authenticator failed: fail secure, as a refusal
			logger.warn("The WAMP v2 authenticator failed checking a {} login", pending.authmethod(), ex);
			return null;
		}
	}

	/** The wait before a failed login is answered. */
	java.time.Duration nextFailureDelay() {
		return authentication.nextFailureDelay();
	}

	private static List<String> authmethods(JsonNode details) {
		JsonNode node = details.get("authmethods");
		if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
			return List.of(ANONYMOUS);
		}
		if (!node.isArray()) {
			throw new Wamp2ProtocolException("HELLO.Details.authmethods must be a list of strings");
		}
		List<String> methods = new ArrayList<>(node.size());
		for (JsonNode element : node) {
			if (!element.isString()) {
				throw new Wamp2ProtocolException("HELLO.Details.authmethods must be a list of strings");
			}
			methods.add(element.stringValue());
		}
		return methods;
	}

	private static @Nullable String authid(JsonNode details) {
		JsonNode node = details.get("authid");
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw new Wamp2ProtocolException("HELLO.Details.authid must be a string");
		}
		return node.stringValue();
	}

}
