package io.ferrymq.test.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code String} parameter or field of a {@link FerryCluster} test: the brokers' Kafka
 * listeners, {@code host:port,...}, for a Kafka client's {@code bootstrap.servers}.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface KafkaBootstrapServers {
}
