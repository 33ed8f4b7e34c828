package dev.websocket.server.spring.annotation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * An annotated method of a bean, bound to the bean instance when the handlers are
 * registered (once every singleton exists, so a handler bean may depend on the server
 * without a cycle).
 */
final class BeanMethod {

	private final Object bean;

	private final String beanName;

	private final Class<?> beanType;

	private final Method method;

	/** The method to call on the bean (on a proxy, the proxy's). */
	private final Method invocable;

	BeanMethod(Object bean, String beanName, Class<?> beanType, Method method) {
		this.bean = bean;
		this.beanName = beanName;
		this.beanType = beanType;
		this.method = method;
		this.invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		ReflectionUtils.makeAccessible(this.invocable);
	}

	String beanName() {
		return this.beanName;
	}

	Class<?> beanType() {
		return this.beanType;
	}

	Method method() {
		return this.method;
	}

	/**
	 * Invokes the method.
	 * @param args the arguments
	 * @return what it returned
	 * @throws Exception what the method threw, unwrapped
	 */
	@Nullable Object invoke(@Nullable Object[] args) throws Exception {
		try {
			return this.invocable.invoke(this.bean, args);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getTargetException();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	/**
	 * Invokes the method from a caller that cannot throw checked exceptions.
	 * @param args the arguments
	 * @return what it returned
	 */
	@Nullable Object invokeUnchecked(@Nullable Object[] args) {
		try {
			return invoke(args);
		}
		catch (Exception ex) {
			ReflectionUtils.rethrowRuntimeException(ex);
			return null;
		}
	}

	/** How start-up failure messages name this method: bean name, class and signature. */
	String description() {
		return describe(this.beanName, this.beanType, this.method);
	}

	/**
	 * How start-up failure messages name a method of a bean.
	 * @param beanName the bean's name
	 * @param beanType its user class
	 * @param method the method
	 * @return bean name, class and signature
	 */
	static String describe(String beanName, Class<?> beanType, Method method) {
		StringBuilder text = new StringBuilder("bean '").append(beanName)
			.append("' method ")
			.append(ClassUtils.getShortName(beanType))
			.append('#')
			.append(method.getName())
			.append('(');
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			text.append((i > 0) ? ", " : "").append(types[i].getSimpleName());
		}
		return text.append(')').toString();
	}

	@Override
	public String toString() {
		return description();
	}

}
