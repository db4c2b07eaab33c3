/**
 * The JUnit 5 extension of ferry-test: {@link io.ferrymq.test.junit5.FerryCluster} on a test class
 * starts one {@link io.ferrymq.test.FerryTestCluster} for the class and injects its parts into
 * constructors, methods and fields ({@link io.ferrymq.test.junit5.BootstrapServers},
 * {@link io.ferrymq.test.junit5.KafkaBootstrapServers}, {@link io.ferrymq.test.junit5.FerryInject}).
 */
package io.ferrymq.test.junit5;
