package dev.websocket.server.testing.leak;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A class annotated with {@link SampledLeakDetection} runs with Netty's {@code advanced}
 * level (the build's {@code paranoid} is restored after it, see
 * {@link NettyLeaksTests#testsRunWithParanoidLeakDetection()}).
 */
@SampledLeakDetection("tests the annotation itself")
class SampledLeakDetectionTests {

	@Test
	void anAnnotatedClassRunsWithAdvancedLeakDetection() {
		assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.ADVANCED);
	}

}
