package io.ferrymq.test.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a non-static field of a {@link FerryCluster} test: set to the cluster's part of the field's
 * type ({@code FerryTestCluster}, {@code Admin}, {@code ProducerFactory} or {@code ConsumerFactory})
 * before each test runs.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FerryInject {
}
