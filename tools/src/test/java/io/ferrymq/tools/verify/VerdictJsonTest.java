package io.ferrymq.tools.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.json.Json;
import io.ferrymq.common.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictJsonTest {

    @Test
    void theReportCarriesTheVerdictFiguresFaultsAndViolations() {
        History history = new History(10, 20, 3, List.of(new History.Ack(0, "a", 0, 0, 0, 15)), 2, List.of(),
                List.of(), List.of());
        Verdict verdict = new HistoryChecker(java.time.Duration.ofSeconds(1)).check(history);

        String json = Json.line(VerdictJson.of(verdict, history, Map.of("faults", "kill"), List.of("kill broker 2")));
        JsonObject report = Json.parseObject("report", json.getBytes(StandardCharsets.UTF_8));

        assertThat(report.requireString("verdict")).isEqualTo("violations");
        assertThat(json).contains("\"settings\":{\"faults\":\"kill\"}")
                .contains("\"attempted\":3,\"acked\":1,\"failed\":2,\"read\":0")
                .contains("\"faults\":[\"kill broker 2\"]")
                .contains("{\"kind\":\"LOST\",\"count\":1,\"examples\":[\"acked seq 0 at p0@0 is missing\"]}");
    }

    @Test
    void aCleanVerdictSaysClean() {
        History history = new History(10, 20, 0, List.of(), 0, List.of(), List.of(), List.of());
        Verdict verdict = new HistoryChecker(java.time.Duration.ofSeconds(1)).check(history);

        assertThat(Json.line(VerdictJson.of(verdict, history, Map.of(), List.of())))
                .startsWith("{\"verdict\":\"clean\"").contains("\"violations\":[]");
    }
}
