package io.ferrymq.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.ZkMetadata;
import io.ferrymq.coordinator.metadata.NewTopic;
import io.ferrymq.coordinator.metadata.ZkMetadataStore;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link MetadataTopicIds} over a real {@link ZkMetadataStore}: Kafka's ids, both ways, across delete and re-create. */
class MetadataTopicIdsIT {

    private ZkMetadata metadata;
    private ZkMetadataStore store;
    private MetadataTopicIds ids;

    @BeforeEach
    void start() throws Exception {
        metadata = ZkMetadata.start(1);
        store = metadata.store();
        ids = new MetadataTopicIds(store);
    }

    @AfterEach
    void stop() throws Exception {
        metadata.close();
    }

    @Test
    void aTopicHasAnIdBothWaysAndANewOneWhenRecreated() {
        assertThat(ids.idOf("orders")).isEqualTo(Uuid.ZERO_UUID);
        assertThat(ids.nameOf(Uuid.ZERO_UUID)).isEmpty();
        store.createTopic(new NewTopic("orders", 1, 1, Map.of()));
        await().atMost(Duration.ofSeconds(5)).until(() -> !ids.idOf("orders").equals(Uuid.ZERO_UUID));
        Uuid first = ids.idOf("orders");
        assertThat(first).isNotEqualTo(Uuid.METADATA_TOPIC_ID);
        assertThat(ids.nameOf(first)).contains("orders");

        store.deleteTopic("orders");
        store.acknowledgeDeletion("orders", 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> ids.idOf("orders").equals(Uuid.ZERO_UUID));
        assertThat(ids.nameOf(first)).isEmpty();

        store.createTopic(new NewTopic("orders", 1, 1, Map.of()));
        await().atMost(Duration.ofSeconds(5)).until(() -> !ids.idOf("orders").equals(Uuid.ZERO_UUID));
        assertThat(ids.idOf("orders")).isNotEqualTo(first);
        assertThat(ids.nameOf(ids.idOf("orders"))).contains("orders");
        assertThat(ids.nameOf(first)).isEmpty();
    }
}
