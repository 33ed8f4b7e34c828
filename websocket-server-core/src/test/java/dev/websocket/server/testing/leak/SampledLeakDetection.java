package dev.websocket.server.testing.leak;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class with Netty's {@code advanced} leak detection instead of the build's
 * {@code paranoid}: one buffer in 128 is tracked, with its access records, and a leak
 * among them still fails the class. For load tests only, where recording a stack trace at
 * every access of every buffer slows the server's writes so much that the test measures
 * the detector (a flood of events then overflows the readers' outbound queues).
 * {@link NettyLeakCheckExtension} sets the level before the class and restores it after.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SampledLeakDetection {

	/**
	 * Why this class cannot run with paranoid leak detection.
	 * @return the reason, for the reader
	 */
	String value();

}
