package dev.websocket.server.spring.handshake;

import java.security.Principal;

import dev.websocket.server.spring.annotation.WampRpc;
import org.jspecify.annotations.Nullable;

/** Answers the connection's principal name, or null. */
class WhoAmI {

	@WampRpc("test/whoami")
	@Nullable String whoami(@Nullable Principal principal) {
		return (principal != null) ? principal.getName() : null;
	}

}
