/**
 * Issue 19: stock Kafka clients and tools against the Kafka listeners of a 3-broker Ferry cluster
 * ({@link io.ferrymq.it.harness.FerryClusterBuilder#kafkaListener()}, bootstrap from
 * {@link io.ferrymq.it.harness.FerryCluster#kafkaBootstrap()}), one cluster per class.
 * {@code KafkaClientsIT} runs kafka-clients 3.9.1 and 4.x each in a forked JVM
 * ({@code driver.KafkaClientsDriver} on {@code target/kafka-clients-3} or {@code -4}, copied by the
 * pom); {@code KafkaLeaderKillIT} and {@code MixedGroupIT} use kafka-clients 3.9.1 in the test JVM
 * (the module rule that keeps Kafka's classes inside the broker's adapter checks production
 * classes only); {@code KafkaCliIT} and {@code KcatIT} run the scripts under
 * {@code src/test/scripts} (Kafka's tools on {@code target/kafka-tools.classpath}; Debian's kcat).
 */
package io.ferrymq.it.kafka;
