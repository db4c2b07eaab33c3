package io.ferrymq.coordinator.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesAndParsesTheSubsetKeptInZnodes() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("version", 1);
        value.put("host", "h\"ost\\\n\u0001");
        value.put("rack", null);
        value.put("ok", true);
        value.put("isr", List.of(1, 2, -3));
        value.put("nested", Map.of("0", List.of()));

        String json = Json.write(value);

        assertThat(json).startsWith("{\"version\":1,\"host\":\"h\\\"ost\\\\\\n\\u0001\",\"rack\":null,\"ok\":true,\"isr\":[1,2,-3]");
        Map<String, Object> expected = new LinkedHashMap<>(value);
        expected.put("version", 1L);
        expected.put("isr", Arrays.asList(1L, 2L, -3L));
        assertThat(Json.parse(json)).isEqualTo(expected);
        assertThat(Json.parse(" { \"a\" : [ ] , \"b\" : \"\\u0041\" } ")).isEqualTo(Map.of("a", List.of(), "b", "A"));
    }

    @Test
    void malformedInputIsRefusedWithThePosition() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1")).hasMessageContaining("position 6");
        assertThatThrownBy(() -> Json.parse("{\"a\":1} x")).hasMessageContaining("trailing");
        assertThatThrownBy(() -> Json.parse("[1,]")).hasMessageContaining("expected a value");
        assertThatThrownBy(() -> Json.parse("99999999999999999999")).hasMessageContaining("out of range");
    }

    @Test
    void typedAccessNamesTheBadFieldAndZnode() {
        JsonObject json = JsonObject.parse("/brokers/ids/1", "{\"port\":\"x\",\"isr\":[1,\"2\"]}".getBytes());

        assertThatThrownBy(() -> json.requireInt("port")).hasMessage("/brokers/ids/1: field 'port' must be an integer, was x");
        assertThatThrownBy(() -> json.requireIntList("isr")).hasMessageContaining("'isr' must be an array of integers");
        assertThatThrownBy(() -> json.requireString("host")).hasMessageContaining("'host' must be a string");
        assertThatThrownBy(() -> JsonObject.parse("/x", "[1]".getBytes())).hasMessage("/x: expected a JSON object");
    }
}
