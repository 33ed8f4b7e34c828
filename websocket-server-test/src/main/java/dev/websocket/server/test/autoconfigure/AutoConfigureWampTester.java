package dev.websocket.server.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * On a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} (or {@code DEFINED_PORT})
 * class: makes a {@link dev.websocket.server.test.WampTester} injectable, connected to
 * the running server's WAMP endpoint ({@code websocket.server.path}) with the
 * application's Jackson mapper. Each injection point gets its own connection; all are
 * closed with the context.
 *
 * <pre class="code">
 * &#64;SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
 * &#64;AutoConfigureWampTester
 * class CalculatorTests {
 *
 *     &#64;Autowired
 *     WampTester tester;
 *
 *     &#64;Test
 *     void adds() {
 *         tester.call("calc/add", 2, 3).result(Integer.class).isEqualTo(5);
 *     }
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(WampTesterAutoConfiguration.class)
public @interface AutoConfigureWampTester {

}
