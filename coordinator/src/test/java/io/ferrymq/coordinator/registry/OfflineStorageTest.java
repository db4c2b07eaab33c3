package io.ferrymq.coordinator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OfflineStorageTest {

    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition T2 = new TopicPartition("t", 2);
    private static final TopicPartition U1 = new TopicPartition("u", 1);

    @Test
    void offlineDirsAndReplicasAreWrittenAfterTheOlderFieldsAndReadBack() {
        OfflineStorage offline = new OfflineStorage(new TreeSet<>(List.of("/d2")), new TreeSet<>(List.of(U1, T2, T0)));
        BrokerInfo info = new BrokerInfo(1, "h", 9092, Optional.empty(), 7).withOffline(offline);

        byte[] written = Json.bytes(info.toJson());

        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo("{\"version\":2,\"host\":\"h\",\"port\":9092,"
                + "\"rack\":null,\"startTimeMs\":7,\"endpoints\":[\"PLAINTEXT://h:9092\"],"
                + "\"listener_security_protocol_map\":{\"PLAINTEXT\":\"PLAINTEXT\"},\"offline_log_dirs\":[\"/d2\"],\"offline_replicas\":{\"t\":[0,2],\"u\":[1]}}");
        BrokerInfo read = BrokerInfo.fromJson(1, Json.parseObject("/brokers/ids/1", written));
        assertThat(read).isEqualTo(info);
        assertThat(read.offline().isOffline(T2)).isTrue();
        assertThat(read.offline().isOffline(new TopicPartition("t", 1))).isFalse();
    }

    @Test
    void aRegistrationWithoutTheFieldsHasNothingOffline() {
        byte[] older = "{\"version\":1,\"host\":\"h\",\"port\":1,\"rack\":null,\"startTimeMs\":7}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(BrokerInfo.fromJson(2, Json.parseObject("/brokers/ids/2", older)).offline())
                .isEqualTo(OfflineStorage.NONE);
    }

    @Test
    void aBadOfflineReplicaListIsNamed() {
        byte[] bad = ("{\"version\":1,\"host\":\"h\",\"port\":1,\"startTimeMs\":7,\"offline_log_dirs\":[\"/d\"],"
                + "\"offline_replicas\":{\"t\":[\"x\"]}}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> BrokerInfo.fromJson(2, Json.parseObject("/brokers/ids/2", bad)))
                .hasMessageContaining("offline_replicas").hasMessageContaining("'t' must be an array of integers");
    }
}
