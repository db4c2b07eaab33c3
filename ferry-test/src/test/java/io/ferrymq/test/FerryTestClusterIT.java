package io.ferrymq.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.client.admin.Admin;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder's cluster as a whole: its addresses, its topics, and what it leaves behind. */
class FerryTestClusterIT {

    @Test
    void aGivenDirectoryKeepsTheBrokersDataAfterClose(@TempDir Path dir) {
        try (FerryTestCluster cluster = FerryTestCluster.builder().baseDirectory(dir).kafkaListener(false)
                .topic("kept", 2).start()) {
            assertThat(cluster.bootstrapServers()).startsWith("127.0.0.1:");
            try (Admin admin = cluster.admin()) {
                assertThat(admin.describeTopics(List.of("kept")).get("kept").partitions()).hasSize(2);
            }
        }
        assertThat(dir.resolve("broker-0").resolve("kept-0")).isDirectory();
        assertThat(dir.resolve("broker-0").resolve("kept-1")).isDirectory();
    }

    @Test
    void brokersStayOutOfJmxUnlessAsked() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName ferry = new ObjectName("io.ferrymq:*");
        try (FerryTestCluster cluster = FerryTestCluster.builder().kafkaListener(false).start()) {
            assertThat(server.queryNames(ferry, null)).isEmpty();
        }
        try (FerryTestCluster cluster = FerryTestCluster.builder().kafkaListener(false)
                .brokerConfig("metrics.jmx.enable", "true").start()) {
            assertThat(server.queryNames(ferry, null)).isNotEmpty();
        }
    }

    @Test
    void aTemporaryDirectoryIsDeletedOnClose() {
        Path data;
        try (FerryTestCluster cluster = FerryTestCluster.builder().kafkaListener(false).start()) {
            data = cluster.broker(0).logDir();
            assertThat(data).isDirectory();
        }
        assertThat(Files.exists(data)).isFalse();
        assertThat(Files.exists(data.getParent())).isFalse();
    }
}
