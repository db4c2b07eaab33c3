package io.ferrymq.coordinator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrokerInfoTest {

    @Test
    void registrationIsWrittenAsDocumentedInZkPathsWithANullRack() {
        BrokerInfo info = new BrokerInfo(1, "h", 9092, Optional.empty(), 7);

        byte[] written = Json.bytes(info.toJson());

        assertThat(new String(written, StandardCharsets.UTF_8))
                .isEqualTo("{\"version\":1,\"host\":\"h\",\"port\":9092,\"rack\":null,\"startTimeMs\":7}");
        assertThat(BrokerInfo.fromJson(1, Json.parseObject("/brokers/ids/1", written))).isEqualTo(info);
    }

    @Test
    void aRackIsReadBackAndABadPortIsNamed() {
        byte[] racked = "{\"version\":1,\"host\":\"h\",\"port\":1,\"rack\":\"r1\",\"startTimeMs\":7}".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"version\":1,\"host\":\"h\",\"port\":\"x\",\"startTimeMs\":7}".getBytes(StandardCharsets.UTF_8);

        assertThat(BrokerInfo.fromJson(2, Json.parseObject("/brokers/ids/2", racked)).rack()).contains("r1");
        assertThatThrownBy(() -> BrokerInfo.fromJson(2, Json.parseObject("/brokers/ids/2", bad)))
                .hasMessage("/brokers/ids/2: field 'port' must be an integer, was \"x\"");
    }
}
