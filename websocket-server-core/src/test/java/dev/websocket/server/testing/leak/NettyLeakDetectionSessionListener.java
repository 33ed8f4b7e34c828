package dev.websocket.server.testing.leak;

import java.util.List;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs {@link NettyLeaks} when the JUnit Platform opens its launcher session, before
 * any test class runs and so before Netty creates its leak detectors, and checks once
 * more when the session closes, for leaks of tests that {@link NettyLeakCheckExtension}
 * does not see (jqwik properties, the last class's stragglers). Registered through
 * {@code META-INF/services}, so every module whose tests have this test jar on the class
 * path gets it; in a module without Netty it does nothing.
 */
public final class NettyLeakDetectionSessionListener implements LauncherSessionListener {

	private static final boolean NETTY_PRESENT = isPresent("io.netty.util.ResourceLeakDetectorFactory");

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		if (NETTY_PRESENT) {
			NettyLeaks.install();
		}
	}

	@Override
	public void launcherSessionClosed(LauncherSession session) {
		if (!active()) {
			return;
		}
		List<NettyLeaks.Leak> leaks = NettyLeaks.check();
		if (!leaks.isEmpty()) {
			String message = NettyLeaks.describe(leaks, "the end of the test run");
			System.err.println(message);
			throw new AssertionError(message);
		}
	}

	/**
	 * Whether leaks are recorded in this JVM: Netty is on the class path and the
	 * recording factory is installed.
	 * @return {@code true} when {@link NettyLeaks} is in use
	 */
	static boolean active() {
		return NETTY_PRESENT && NettyLeaks.installed();
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, NettyLeakDetectionSessionListener.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
