package dev.websocket.server.testing.leak;

import java.util.List;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class after which Netty reported a leak: once the class's tests have run
 * it collects garbage, drains Netty's leak detectors ({@link NettyLeaks#check()}) and, if
 * anything was reported, fails the class with each leaked resource and its access
 * records. Registered for every test class through {@code META-INF/services} and
 * Jupiter's extension auto-detection, which the build enables for this package only
 * ({@code junit.jupiter.extensions.autodetection.include}). A class annotated with
 * {@link SampledLeakDetection} runs with Netty's {@code advanced} level, restored after
 * it.
 * <p>
 * A leak shows up when the leaked object is garbage-collected, so it is normally reported
 * after the class that leaked it; a buffer still held (by a cached application context,
 * say) is reported once it is let go.
 */
public final class NettyLeakCheckExtension implements BeforeAllCallback, AfterAllCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(NettyLeakCheckExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		if (!NettyLeakDetectionSessionListener.active() || isNested(context)
				|| !context.getRequiredTestClass().isAnnotationPresent(SampledLeakDetection.class)) {
			return;
		}
		context.getStore(NAMESPACE).put(ResourceLeakDetector.Level.class, ResourceLeakDetector.getLevel());
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.ADVANCED);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (!NettyLeakDetectionSessionListener.active() || isNested(context)) {
			return;
		}
		List<NettyLeaks.Leak> leaks;
		try {
			leaks = NettyLeaks.check();
		}
		finally {
			ResourceLeakDetector.Level level = context.getStore(NAMESPACE)
				.remove(ResourceLeakDetector.Level.class, ResourceLeakDetector.Level.class);
			if (level != null) {
				ResourceLeakDetector.setLevel(level);
			}
		}
		if (!leaks.isEmpty()) {
			throw new AssertionError(NettyLeaks.describe(leaks, context.getRequiredTestClass().getName()));
		}
	}

	private static boolean isNested(ExtensionContext context) {
		// a @Nested class is checked with its enclosing class
		return context.getParent().flatMap(ExtensionContext::getTestClass).isPresent();
	}

}
