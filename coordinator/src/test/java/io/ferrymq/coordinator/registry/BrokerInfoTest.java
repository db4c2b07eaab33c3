package io.ferrymq.coordinator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.json.Json;
import io.ferrymq.common.security.SecurityProtocol;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrokerInfoTest {

    @Test
    void registrationIsWrittenAsDocumentedInZkPathsWithANullRack() {
        BrokerInfo info = new BrokerInfo(1, "h", 9092, Optional.empty(), 7);

        byte[] written = Json.bytes(info.toJson());

        assertThat(new String(written, StandardCharsets.UTF_8))
                .isEqualTo("{\"version\":2,\"host\":\"h\",\"port\":9092,\"rack\":null,\"startTimeMs\":7,"
                        + "\"endpoints\":[\"PLAINTEXT://h:9092\"],\"listener_security_protocol_map\":{\"PLAINTEXT\":\"PLAINTEXT\"}}");
        assertThat(BrokerInfo.fromJson(1, Json.parseObject("/brokers/ids/1", written))).isEqualTo(info);
    }

    @Test
    void anAdminUrlIsWrittenOnlyWhenPresentAndReadBack() {
        BrokerInfo info = new BrokerInfo(1, "h", 9092, Optional.empty(), 7).withAdminUrl("http://h:8080");

        byte[] written = Json.bytes(info.toJson());

        assertThat(new String(written, StandardCharsets.UTF_8)).endsWith(",\"admin_url\":\"http://h:8080\"}");
        assertThat(BrokerInfo.fromJson(1, Json.parseObject("/brokers/ids/1", written))).isEqualTo(info);
        assertThat(new BrokerInfo(1, "h", 9092, Optional.empty(), 7).adminUrl()).isEmpty();
    }

    @Test
    void aRackIsReadBackAndABadPortIsNamed() {
        byte[] racked = "{\"version\":1,\"host\":\"h\",\"port\":1,\"rack\":\"r1\",\"startTimeMs\":7}".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"version\":1,\"host\":\"h\",\"port\":\"x\",\"startTimeMs\":7}".getBytes(StandardCharsets.UTF_8);

        assertThat(BrokerInfo.fromJson(2, Json.parseObject("/brokers/ids/2", racked)).rack()).contains("r1");
        assertThatThrownBy(() -> BrokerInfo.fromJson(2, Json.parseObject("/brokers/ids/2", bad)))
                .hasMessage("/brokers/ids/2: field 'port' must be an integer, was \"x\"");
    }

    @Test
    void everyListenerIsWrittenAndReadBackWithItsProtocol() {
        BrokerEndpoint internal = new BrokerEndpoint("INTERNAL", SecurityProtocol.SSL, "10.0.0.1", 9093);
        BrokerEndpoint external = new BrokerEndpoint("EXTERNAL", SecurityProtocol.SASL_SSL, "broker.example", 9094);
        BrokerInfo info = BrokerInfo.of(3, internal, List.of(internal, external), Optional.of("r"), 7);

        BrokerInfo read = BrokerInfo.fromJson(3, Json.parseObject("/brokers/ids/3", Json.bytes(info.toJson())));

        assertThat(read).isEqualTo(info);
        assertThat(read.host()).isEqualTo("10.0.0.1");
        assertThat(read.endpoint("EXTERNAL")).contains(external);
        assertThat(read.endpoint("PLAINTEXT")).isEmpty();
    }

    @Test
    void aVersionOneNodeReadsAsOnePlaintextListenerAndAnUnmappedEndpointIsNamed() {
        byte[] v1 = "{\"version\":1,\"host\":\"h\",\"port\":1,\"startTimeMs\":7}".getBytes(StandardCharsets.UTF_8);
        byte[] unmapped = ("{\"version\":2,\"host\":\"h\",\"port\":1,\"startTimeMs\":7,\"endpoints\":[\"SSL://h:1\"],"
                + "\"listener_security_protocol_map\":{}}").getBytes(StandardCharsets.UTF_8);

        assertThat(BrokerInfo.fromJson(2, Json.parseObject("/brokers/ids/2", v1)).endpoints())
                .containsExactly(new BrokerEndpoint("PLAINTEXT", SecurityProtocol.PLAINTEXT, "h", 1));
        assertThatThrownBy(() -> BrokerInfo.fromJson(2, Json.parseObject("/brokers/ids/2", unmapped)))
                .hasMessageContaining("endpoint SSL://h:1 needs a security protocol");
    }
}
