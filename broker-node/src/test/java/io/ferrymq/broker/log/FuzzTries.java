package io.ferrymq.broker.log;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Lets a long fuzzing run be started by hand: when the system property {@value #PROPERTY} is set
 * (e.g. {@code -Dferry.fuzz.tries=100000} on the Maven command line, which Surefire passes to the
 * test JVM), it replaces the tries of the property it is added to; otherwise the annotation's
 * bounded number stands. Stateless.
 */
public final class FuzzTries implements AroundPropertyHook {

    static final String PROPERTY = "ferry.fuzz.tries";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String tries = System.getProperty(PROPERTY);
        if (tries != null && !tries.isBlank()) {
            context.attributes().setTries(Integer.parseInt(tries.strip()));
        }
        return property.execute();
    }
}
