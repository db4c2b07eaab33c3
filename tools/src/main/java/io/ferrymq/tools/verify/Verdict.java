package io.ferrymq.tools.verify;

import java.util.List;

/**
 * The outcome of checking a {@link History}: the violations found (empty when the history is clean)
 * and the figures the checks measured. Immutable.
 *
 * @param violations one entry per kind found, in {@link Violation.Kind} order
 * @param attempted writes sent
 * @param acked writes acknowledged
 * @param failed writes that ended in an error
 * @param read records in the final read of the log
 * @param longestUnavailableMs the longest time without an acknowledgement, within the run
 * @param unavailableFromMs when that window began
 * @param replicasCompared how many replica checksums were compared
 */
public record Verdict(List<Violation> violations, long attempted, long acked, long failed, long read,
                      long longestUnavailableMs, long unavailableFromMs, int replicasCompared) {

    public Verdict {
        violations = List.copyOf(violations);
    }

    public boolean isClean() {
        return violations.isEmpty();
    }

    /** One line: {@code CLEAN} or {@code VIOLATIONS: LOST, DUPLICATE}, then the figures. */
    public String summaryLine() {
        String head = isClean() ? "CLEAN" : "VIOLATIONS: " + String.join(", ",
                violations.stream().map(v -> v.kind().name()).toList());
        return head + " (attempted " + attempted + ", acked " + acked + ", failed " + failed + ", read " + read
                + ", longest unavailable " + longestUnavailableMs + " ms, replicas compared " + replicasCompared + ")";
    }
}
