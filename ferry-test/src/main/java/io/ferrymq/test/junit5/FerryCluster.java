package io.ferrymq.test.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs an embedded Ferry cluster ({@link io.ferrymq.test.FerryTestCluster}) for a JUnit 5 test
 * class: started before the class's first test, shared by its tests (and by its {@code @Nested}
 * classes, unless one carries its own {@code @FerryCluster}), stopped after its last. Test constructors, methods, lifecycle methods and fields get
 * the cluster's parts injected by type: {@link io.ferrymq.test.FerryTestCluster},
 * {@link io.ferrymq.client.admin.Admin}, {@link io.ferrymq.test.ProducerFactory},
 * {@link io.ferrymq.test.ConsumerFactory}, and a {@code String} annotated
 * {@link BootstrapServers} or {@link KafkaBootstrapServers}. Fields need {@link FerryInject} (or
 * one of the bootstrap annotations). The injected {@code Admin} belongs to the extension, which
 * closes it with the cluster; producers and consumers made by the factories belong to the test.
 *
 * <pre>{@code
 * @FerryCluster(brokers = 3, topics = "orders", partitions = 6)
 * class OrderServiceTest {
 *     @Test
 *     void sendsOrders(@BootstrapServers String bootstrap, ConsumerFactory consumers) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FerryClusterExtension.class)
public @interface FerryCluster {

    /** The number of brokers, ids {@code 0..brokers-1}. */
    int brokers() default 1;

    /** The number of ZooKeeper servers: 1, or an ensemble (see {@link io.ferrymq.test.FerryTestClusterBuilder#zooKeeperServers}). */
    int zooKeeperServers() default 1;

    /** Topics created before the first test, each with {@link #partitions()} partitions. */
    String[] topics() default {};

    /** The partition count of every topic in {@link #topics()}. */
    int partitions() default 1;

    /** The replication factor of every topic in {@link #topics()}; 0 means {@code min(brokers, 3)}. */
    int replicationFactor() default 0;

    /** Whether brokers open a Kafka-protocol listener ({@link KafkaBootstrapServers}). */
    boolean kafkaListener() default true;

    /** Broker settings as {@code key=value}, on top of the test defaults. */
    String[] brokerConfig() default {};
}
