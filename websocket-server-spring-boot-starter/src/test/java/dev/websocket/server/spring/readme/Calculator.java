package dev.websocket.server.spring.readme;

import dev.websocket.server.spring.annotation.WampRpc;

import org.springframework.stereotype.Component;

// exactly as in the root README
@Component
class Calculator {

	@WampRpc("calc/add")
	int add(int a, int b) {
		return a + b;
	}

}
