package io.ferrymq.tools.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferrymq.common.json.Json;
import java.util.Map;

/**
 * The {@code --report} document of {@code ferry verify}: the run's settings, the history's figures and
 * the verdict with every violation. Shape:
 * <pre>{@code
 * {"verdict": "clean" | "violations",
 *  "settings": {"faults": "kill", ...},
 *  "history": {"startMs": .., "endMs": .., "attempted": .., "acked": .., "failed": .., "read": ..,
 *              "longestUnavailableMs": .., "unavailableFromMs": .., "replicasCompared": ..},
 *  "faults": ["12:00:01 kill broker 2", ...],
 *  "violations": [{"kind": "LOST", "count": 3, "examples": ["acked seq 5 at p0@4 is missing"]}]}
 * }</pre>
 * Pure and thread-safe.
 */
public final class VerdictJson {

    private VerdictJson() {
    }

    public static ObjectNode of(Verdict verdict, History history, Map<String, String> settings,
                                Iterable<String> faults) {
        ObjectNode root = Json.object().put("verdict", verdict.isClean() ? "clean" : "violations");
        ObjectNode s = root.putObject("settings");
        settings.forEach(s::put);
        root.putObject("history")
                .put("startMs", history.startMs())
                .put("endMs", history.endMs())
                .put("attempted", verdict.attempted())
                .put("acked", verdict.acked())
                .put("failed", verdict.failed())
                .put("read", verdict.read())
                .put("longestUnavailableMs", verdict.longestUnavailableMs())
                .put("unavailableFromMs", verdict.unavailableFromMs())
                .put("replicasCompared", verdict.replicasCompared());
        ArrayNode f = root.putArray("faults");
        faults.forEach(f::add);
        ArrayNode v = root.putArray("violations");
        for (Violation violation : verdict.violations()) {
            ObjectNode one = v.addObject().put("kind", violation.kind().name()).put("count", violation.count());
            ArrayNode examples = one.putArray("examples");
            violation.examples().forEach(examples::add);
        }
        return root;
    }
}
