package dev.websocket.server.spring.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.reactive.ReactiveWebServerFactory;
import org.springframework.util.ClassUtils;

/**
 * Fails the start of a reactive web application whose server is not Reactor Netty (Spring
 * Boot's Tomcat, Jetty or Undertow reactive adapters, or an own
 * {@link ReactiveWebServerFactory}): the WAMP endpoint upgrades on Reactor Netty only, so
 * on another server every handshake would fail. Checked when the context starts, not at
 * the first handshake. A context without a server factory (a test's
 * {@code ReactiveWebApplicationContextRunner}) is not checked;
 * {@code websocket.server.enabled=false} turns the check off with the server.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "websocket.server.enabled", matchIfMissing = true)
public final class WampReactiveServerAutoConfiguration
		implements BeanFactoryAware, BeanClassLoaderAware, InitializingBean {

	/**
	 * By name: an application that left Reactor Netty out must get the report, not a
	 * linkage error.
	 */
	private static final String NETTY_FACTORY = "org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory";

	private @Nullable ListableBeanFactory beanFactory;

	private @Nullable ClassLoader classLoader;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.beanFactory == null) {
			return;
		}
		@Nullable Class<?> netty = ClassUtils.isPresent(NETTY_FACTORY, this.classLoader)
				? ClassUtils.resolveClassName(NETTY_FACTORY, this.classLoader) : null;
		// The server factory already exists: the context creates its web server before
		// the singletons, so this reads it without creating anything early.
		this.beanFactory.getBeansOfType(ReactiveWebServerFactory.class, false, false).forEach((name, factory) -> {
			if (netty == null || !netty.isInstance(factory)) {
				throw new WampConfigurationException(
						"The WAMP server runs on Reactor Netty only, but the reactive web "
								+ "server of this application is " + factory.getClass().getName() + " (bean '" + name
								+ "'): every WebSocket handshake would fail.",
						"Use Reactor Netty: remove the Tomcat, Jetty or Undertow starter (or the own "
								+ "ReactiveWebServerFactory bean) and keep spring-boot-starter-reactor-netty, which "
								+ "spring-boot-starter-webflux brings; or set websocket.server.enabled=false.");
			}
		});
	}

}
