package dev.websocket.server.test;

import java.util.Map;

import dev.websocket.server.spring.annotation.WampRpc;
import dev.websocket.server.spring.annotation.WampTopic;
import dev.websocket.server.wamp.WampException;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** A small application with a procedure bean and a topic bean, as a user would write. */
@SpringBootConfiguration
@EnableAutoConfiguration
class TesterApplication {

	@Bean
	Calculator calculator() {
		return new Calculator();
	}

	/** A record result. */
	record Quotient(int quotient, int remainder) {
	}

	static class Calculator {

		@WampRpc("calc/add")
		int add(int a, int b) {
			return a + b;
		}

		@WampRpc("calc/divide")
		Quotient divide(int dividend, int divisor) {
			if (divisor == 0) {
				throw new WampException("calc#divByZero", "Division by zero", Map.of("dividend", dividend));
			}
			return new Quotient(dividend / divisor, dividend % divisor);
		}

	}

	/** A member component of this configuration: registered without a {@code @Bean}. */
	@WampTopic("chat/{room}")
	static class Rooms {

	}

}
