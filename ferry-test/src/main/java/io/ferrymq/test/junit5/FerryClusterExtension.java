package io.ferrymq.test.junit5;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.test.ConsumerFactory;
import io.ferrymq.test.FerryTestCluster;
import io.ferrymq.test.ProducerFactory;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The JUnit 5 side of {@link FerryCluster}: one {@link FerryTestCluster} per annotated class,
 * started on first need (before all tests, or earlier for a per-class test instance's constructor)
 * and kept in that class's extension store, which closes it after the class. Parameters and
 * fields are resolved by type (see {@link FerryCluster}); a {@code String} only with
 * {@link BootstrapServers} or {@link KafkaBootstrapServers}, so other resolvers keep plain strings.
 *
 * <p>Thread-safe: the store creates the cluster once even when classes run in parallel.
 */
public final class FerryClusterExtension implements BeforeAllCallback, ParameterResolver, TestInstancePostProcessor {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FerryClusterExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        classCluster(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return isInjectable(parameter.getParameter().getType(), parameter.getParameter());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return valueFor(parameter.getParameter().getType(), parameter.getParameter(), classCluster(context));
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
        for (Field field : AnnotationSupport.findAnnotatedFields(testInstance.getClass(), FerryInject.class,
                f -> true, HierarchyTraversalMode.TOP_DOWN)) {
            inject(testInstance, field, context);
        }
        for (Class<? extends Annotation> bootstrap : List.of(BootstrapServers.class, KafkaBootstrapServers.class)) {
            for (Field field : AnnotationSupport.findAnnotatedFields(testInstance.getClass(), bootstrap,
                    f -> true, HierarchyTraversalMode.TOP_DOWN)) {
                inject(testInstance, field, context);
            }
        }
    }

    private void inject(Object testInstance, Field field, ExtensionContext context) throws IllegalAccessException {
        if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())
                || !isInjectable(field.getType(), field)) {
            throw new ExtensionConfigurationException("@FerryCluster cannot inject field " + field
                    + ": it must be non-static, non-final, and of an injectable type (see @FerryCluster)");
        }
        field.setAccessible(true);
        field.set(testInstance, valueFor(field.getType(), field, classCluster(context)));
    }

    private static boolean isInjectable(Class<?> type, AnnotatedElement element) {
        if (type == String.class) {
            return element.isAnnotationPresent(BootstrapServers.class) || element.isAnnotationPresent(KafkaBootstrapServers.class);
        }
        return type == FerryTestCluster.class || type == Admin.class || type == ProducerFactory.class
                || type == ConsumerFactory.class;
    }

    private static Object valueFor(Class<?> type, AnnotatedElement element, ClassCluster owner) {
        FerryTestCluster cluster = owner.cluster();
        if (type == String.class) {
            return element.isAnnotationPresent(KafkaBootstrapServers.class) ? cluster.kafkaBootstrapServers()
                    : cluster.bootstrapServers();
        }
        if (type == Admin.class) {
            return owner.admin();
        }
        if (type == ProducerFactory.class) {
            return cluster.producers();
        }
        if (type == ConsumerFactory.class) {
            return cluster.consumers();
        }
        return cluster;
    }

    /** The cluster of the innermost annotated class around {@code context}, started once. */
    private static ClassCluster classCluster(ExtensionContext context) {
        Optional<ExtensionContext> owner = Optional.of(context);
        while (owner.isPresent()) {
            ExtensionContext candidate = owner.get();
            Optional<FerryCluster> found = candidate.getTestClass()
                    .flatMap(type -> AnnotationSupport.findAnnotation(type, FerryCluster.class));
            if (found.isPresent() && candidate.getTestMethod().isEmpty()) {
                FerryCluster spec = found.get();
                // keyed by the annotated class: a store also answers with its parents' values
                return candidate.getStore(NAMESPACE).getOrComputeIfAbsent(candidate.getRequiredTestClass(),
                        key -> ClassCluster.start(spec), ClassCluster.class);
            }
            owner = candidate.getParent();
        }
        throw new ExtensionConfigurationException("no @FerryCluster on " + context.getTestClass().orElse(null));
    }
}
