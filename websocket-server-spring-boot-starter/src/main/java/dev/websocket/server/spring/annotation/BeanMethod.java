package dev.websocket.server.spring.annotation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * An annotated method of a bean, found by type at start-up. The bean itself is looked up
 * on the first invocation, so a handler bean may depend on the server (through a
 * template, say) without a cycle.
 */
final class BeanMethod {

	private final BeanFactory beanFactory;

	private final String beanName;

	private final Class<?> beanType;

	private final Method method;

	private volatile @Nullable Target target;

	BeanMethod(BeanFactory beanFactory, String beanName, Class<?> beanType, Method method) {
		this.beanFactory = beanFactory;
		this.beanName = beanName;
		this.beanType = beanType;
		this.method = method;
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
		Target target = target();
		try {
			return target.method().invoke(target.bean(), args);
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

	private Target target() {
		Target target = this.target;
		if (target == null) {
			Object bean = this.beanFactory.getBean(this.beanName);
			Method invocable = AopUtils.selectInvocableMethod(this.method, bean.getClass());
			ReflectionUtils.makeAccessible(invocable);
			target = new Target(bean, invocable);
			this.target = target;
		}
		return target;
	}

	/** How start-up failure messages name this method: bean name, class and signature. */
	String description() {
		StringBuilder text = new StringBuilder("bean '").append(this.beanName)
			.append("' method ")
			.append(ClassUtils.getShortName(this.beanType))
			.append('#')
			.append(this.method.getName())
			.append('(');
		Class<?>[] types = this.method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			text.append((i > 0) ? ", " : "").append(types[i].getSimpleName());
		}
		return text.append(')').toString();
	}

	@Override
	public String toString() {
		return description();
	}

	private record Target(Object bean, Method method) {
	}

}
