package io.ferrymq.common.protocol;

import java.util.Optional;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Lets a long fuzzing run raise the tries of every property of a fuzz class without editing it: with
 * {@code -Dferry.fuzz.tries=N} each property runs {@code N} tries instead of the bounded number its
 * {@code @Property(tries = ...)} gives the normal suite; examples (no generated parameters) still run
 * once. Register it with
 * {@code @AddLifecycleHook(FuzzTries.class)} on the class. Stateless and thread-safe.
 */
public final class FuzzTries implements AroundPropertyHook {

    /** The system property holding the tries of a long run. */
    public static final String TRIES_PROPERTY = "ferry.fuzz.tries";

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        if (context.targetMethod().getParameterCount() > 0) {
            requestedTries().ifPresent(tries -> context.attributes().setTries(tries));
        }
        return property.execute();
    }

    private static Optional<Integer> requestedTries() {
        String value = System.getProperty(TRIES_PROPERTY);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        int tries = Integer.parseInt(value.trim());
        if (tries <= 0) {
            throw new IllegalArgumentException(TRIES_PROPERTY + " must be positive, was " + tries);
        }
        return Optional.of(tries);
    }
}
