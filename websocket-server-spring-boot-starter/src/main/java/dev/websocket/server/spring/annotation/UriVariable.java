package dev.websocket.server.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter to a variable of the matched URI pattern, such as
 * {@code room} in {@code chat/{room}}. The parameter may be a {@code String} or any type
 * Spring's conversion service converts a string to (a number, an enum, ...).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface UriVariable {

	/** The variable's name in the pattern. */
	String value();

}
