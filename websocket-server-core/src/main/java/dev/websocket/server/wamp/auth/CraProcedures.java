package dev.websocket.server.wamp.auth;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.websocket.server.support.RandomIds;
import dev.websocket.server.wamp.WampConnection;
import dev.websocket.server.wamp.WampException;
import dev.websocket.server.wamp.rpc.RpcInvocation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code authreq} and {@code auth} procedures, with AutobahnPython 0.8's state
 * machine and errors: one challenge at a time, one try per challenge, a wrong signature
 * answered only after a randomized delay with a floor.
 */
final class CraProcedures {

	/** authid: 96 random bits. */
	private static final int AUTH_ID_BYTES = 12;

	private final WampCraSecrets secrets;

	private final JsonMapper mapper;

	private final Duration failureDelay;

	private final Duration failureJitter;

	private final Scheduler timer;

	CraProcedures(WampCraSecrets secrets, JsonMapper mapper, Duration failureDelay, Duration failureJitter,
			Scheduler timer) {
		this.secrets = secrets;
		this.mapper = mapper;
		this.failureDelay = failureDelay;
		this.failureJitter = failureJitter;
		this.timer = timer;
	}

	/**
	 * {@code authreq(authKey, extra)}: the challenge as a JSON text, or {@code null} for
	 * an anonymous login.
	 */
	@Nullable String authreq(RpcInvocation invocation) {
		List<JsonNode> arguments = invocation.arguments();
		CraState state = CraState.of(invocation.connection());
		CraState.Phase phase = state.phase();
		if (phase == CraState.Phase.AUTHENTICATED) {
			throw error("already-authenticated", "already authenticated");
		}
		if (phase != CraState.Phase.NONE) {
			throw error("authentication-already-requested", "authentication request already issued");
		}
		if (arguments.size() > 2) {
			throw error("invalid-argument", "authreq takes an authentication key and an extra object");
		}
		JsonNode key = argument(arguments, 0);
		JsonNode extra = argument(arguments, 1);
		if (key != null && !key.isString()) {
			throw error("invalid-argument", "authentication key must be a string or null");
		}
		if (extra != null && !extra.isObject()) {
			throw error("invalid-argument", "authentication extra must be an object or null");
		}
		if (key == null) {
			if (!secrets.allowsAnonymous()) {
				throw error("anonymous-auth-forbidden", "anonymous authentication is not allowed");
			}
			state.anonymousRequested(secrets.anonymousPermissions());
			return null;
		}
		String authKey = key.asString();
		WampCraSecret secret = secrets.secret(authKey);
		if (secret == null) {
			throw error("no-such-authkey", "authentication key does not exist");
		}
		String challenge = challenge(invocation.connection(), authKey, extra, secret);
		state.challenged(authKey, secret, WampCra.sign(secret.key(), challenge));
		return challenge;
	}

	/** {@code auth(signature)}: the permissions, once the signature is right. */
	Object auth(RpcInvocation invocation) {
		List<JsonNode> arguments = invocation.arguments();
		WampConnection connection = invocation.connection();
		CraState state = CraState.of(connection);
		CraState.Phase phase = state.phase();
		if (phase == CraState.Phase.AUTHENTICATED) {
			throw error("already-authenticated", "already authenticated");
		}
		if (phase != CraState.Phase.CHALLENGED && phase != CraState.Phase.ANONYMOUS_REQUESTED) {
			throw error("no-authentication-requested", "no authentication previously requested");
		}
		if (arguments.size() > 1) {
			throw error("invalid-argument", "auth takes one signature");
		}
		JsonNode signature = argument(arguments, 0);
		if (signature != null && !signature.isString()) {
			throw error("invalid-argument", "signature must be a string or null");
		}
		if (phase == CraState.Phase.ANONYMOUS_REQUESTED) {
			if (signature != null) {
				throw error("invalid-argument", "signature must be null when authenticating anonymously");
			}
			WampCraPermissions permissions = state.permissions();
			state.authenticated();
			return permissions;
		}
		if (signature == null) {
			throw error("invalid-argument", "signature required when authenticating with a key");
		}
		String expected = state.expectedSignature();
		String authKey = state.authKey();
		WampCraSecret secret = state.secret();
		if (expected == null || authKey == null || secret == null || !WampCra.matches(expected, signature.asString())) {
			// The challenge is used up; the answer waits, and no new challenge is issued
			// until it is out, so a connection cannot guess faster than one try per
			// delay.
			state.failing();
			return Mono.delay(nextFailureDelay(), timer).flatMap((tick) -> {
				// reset before answering, so the client's next authreq finds it done
				state.failureAnswered();
				return Mono.error(error("invalid-signature", "signature for authentication request is invalid"));
			});
		}
		Principal principal = secrets.principal(authKey, secret);
		state.authenticated();
		connection.authenticate(principal);
		return secret.permissions();
	}

	private Duration nextFailureDelay() {
		long jitter = failureJitter.toNanos();
		long extra = (jitter > 0) ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0;
		return failureDelay.plusNanos(extra);
	}

	private String challenge(WampConnection connection, String authKey, @Nullable JsonNode extra,
			WampCraSecret secret) {
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("authid", RandomIds.next(AUTH_ID_BYTES));
		info.put("authkey", authKey);
		info.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		info.put("sessionid", connection.sessionId());
		info.put("extra", (extra != null) ? extra : Map.of());
		info.put("permissions", secret.permissions());
		WampCraSecret.KeyDerivation derivation = secret.derivation();
		if (derivation != null) {
			Map<String, Object> authExtra = new LinkedHashMap<>();
			authExtra.put("salt", derivation.salt());
			authExtra.put("keylen", derivation.keyLength());
			authExtra.put("iterations", derivation.iterations());
			info.put("authextra", authExtra);
		}
		return mapper.writeValueAsString(info);
	}

	/** An argument, {@code null} when absent or JSON null. */
	private static @Nullable JsonNode argument(List<JsonNode> arguments, int index) {
		if (index >= arguments.size() || arguments.get(index).isNull()) {
			return null;
		}
		return arguments.get(index);
	}

	private static WampException error(String name, String description) {
		return new WampException(WampCraAuthentication.ERROR_BASE + name, description);
	}

}
