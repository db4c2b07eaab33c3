package io.ferrymq.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesMapsCompactlyInInsertionOrderWithNullsKept() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("version", 1);
        value.put("host", "h\"ost\\\n\u0001é");
        value.put("rack", null);
        value.put("ok", true);
        value.put("isr", List.of(1, 2, -3));
        value.put("nested", Map.of("0", List.of()));

        assertThat(Json.line(value)).isEqualTo("{\"version\":1,\"host\":\"h\\\"ost\\\\\\n\\u0001é\",\"rack\":null,"
                + "\"ok\":true,\"isr\":[1,2,-3],\"nested\":{\"0\":[]}}");
        assertThat(Json.bytes(value)).isEqualTo(Json.line(value).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void linesAreBuiltFromObjectTrees() {
        String line = Json.line(Json.object().put("timestamp", 5L).put("name", "x").put("key", (String) null)
                .put("rate", 12.5).set("list", Json.array().add(1).add("a")));

        assertThat(line).isEqualTo("{\"timestamp\":5,\"name\":\"x\",\"key\":null,\"rate\":12.5,\"list\":[1,\"a\"]}");
    }

    @Test
    void aLoneSurrogateInAClientsStringReadsBackAsItWas() {
        byte[] written = Json.bytes(Map.of("metadata", "a\uD800b"));

        assertThat(Json.parseObject("/x", written).requireString("metadata")).isEqualTo("a\uD800b");
    }

    @Test
    void readsWhatTheEarlierInHouseWriterPutInZnodes() {
        byte[] older = ("{\"version\":1,\"host\":\"h\\\"\\u0041\\/\",\"port\":9092,\"rack\":null,\"startTimeMs\":1700000000000,"
                + "\"isr\":[1,2],\"members\":[\"m\"],\"unclean\":true,\"configs\":{\"k\":\"v\"}}").getBytes(StandardCharsets.UTF_8);

        JsonObject json = Json.parseObject("/brokers/ids/1", older);

        assertThat(json.requireString("host")).isEqualTo("h\"A/");
        assertThat(json.requireInt("port")).isEqualTo(9092);
        assertThat(json.optionalString("rack")).isEmpty();
        assertThat(json.requireLong("startTimeMs")).isEqualTo(1_700_000_000_000L);
        assertThat(json.requireIntList("isr")).containsExactly(1, 2);
        assertThat(json.requireStringList("members")).containsExactly("m");
        assertThat(json.optionalBoolean("unclean", false)).isTrue();
        assertThat(json.optionalBoolean("absent", true)).isTrue();
        assertThat(json.object("configs").stringMap()).isEqualTo(Map.of("k", "v"));
        assertThat(json.object("absent").fieldNames()).isEmpty();
        assertThat(json.fieldNames()).startsWith("version", "host", "port");
    }

    @Test
    void malformedInputIsRefusedNamingTheSource() {
        assertThatThrownBy(() -> parse("{\"a\":1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("/x: invalid JSON");
        assertThatThrownBy(() -> parse("{\"a\":1} x")).hasMessageStartingWith("/x: invalid JSON");
        assertThatThrownBy(() -> parse("[1]")).hasMessage("/x: expected a JSON object");
        assertThatThrownBy(() -> parse("")).hasMessage("/x: expected a JSON object");
    }

    @Test
    void typedAccessNamesTheBadFieldAndSource() {
        JsonObject json = parse("{\"port\":\"x\",\"isr\":[1,\"2\"],\"big\":99999999999999999999,\"f\":1.5,\"n\":{\"m\":1}}");

        assertThatThrownBy(() -> json.requireInt("port")).hasMessage("/x: field 'port' must be an integer, was \"x\"");
        assertThatThrownBy(() -> json.requireIntList("isr")).hasMessageContaining("'isr' must be an array of integers");
        assertThatThrownBy(() -> json.requireString("host")).hasMessage("/x: field 'host' must be a string, was null");
        assertThatThrownBy(() -> json.requireLong("big")).hasMessageContaining("'big' must be an integer");
        assertThatThrownBy(() -> json.requireInt("f")).hasMessageContaining("'f' must be an integer");
        assertThatThrownBy(() -> json.object("n").stringMap()).hasMessageStartingWith("/x.n: field 'm' must be a string");
        assertThat(json.optionalString("port")).contains("x");
    }

    private static JsonObject parse(String text) {
        return Json.parseObject("/x", text.getBytes(StandardCharsets.UTF_8));
    }
}
