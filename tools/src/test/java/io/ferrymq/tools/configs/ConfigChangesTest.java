package io.ferrymq.tools.configs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.client.admin.AlterConfigOp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigChangesTest {

    @Test
    void additionsAreKeyValuePairsAndListValuesKeepTheirCommasInBrackets() {
        assertThat(ConfigChanges.parseAdditions("a=1,b=x=y,c=[0:1,1:2],d="))
                .containsExactly(Map.entry("a", "1"), Map.entry("b", "x=y"), Map.entry("c", "0:1,1:2"), Map.entry("d", ""));
    }

    @Test
    void setsComeFirstThenDeletes() {
        assertThat(ConfigChanges.parse(List.of("log.segment.bytes=1048576", "message.max.bytes=2000"),
                List.of("log.retention.ms,log.retention.bytes"))).containsExactly(
                AlterConfigOp.set("log.segment.bytes", "1048576"), AlterConfigOp.set("message.max.bytes", "2000"),
                AlterConfigOp.delete("log.retention.ms"), AlterConfigOp.delete("log.retention.bytes"));
    }

    @Test
    void malformedPartsAreRefusedNamingThem() {
        assertThatThrownBy(() -> ConfigChanges.parseAdditions("a=1,b")).hasMessageContaining("'b' is not key=value");
        assertThatThrownBy(() -> ConfigChanges.parseAdditions("=1")).hasMessageContaining("is not a key");
        assertThatThrownBy(() -> ConfigChanges.parseAdditions("c=[0:1")).hasMessageContaining("no closing ]");
        assertThatThrownBy(() -> ConfigChanges.parseAdditions("c=[0:1]x")).hasMessageContaining("expected ','");
        assertThatThrownBy(() -> ConfigChanges.parse(List.of("a=1"), List.of("a")))
                .hasMessageContaining("'a' is both added and deleted");
        assertThatThrownBy(() -> ConfigChanges.parse(List.of(), List.of("a,,b"))).hasMessageContaining("empty key");
    }
}
