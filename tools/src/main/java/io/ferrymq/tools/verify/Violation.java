package io.ferrymq.tools.verify;

import java.util.List;
import java.util.Objects;

/**
 * One kind of safety or liveness violation found in a {@link History}: how many instances, and up to
 * {@link #MAX_EXAMPLES} of them described for a person. Immutable.
 */
public record Violation(Kind kind, long count, List<String> examples) {

    /** How many instances a violation describes; the count covers the rest. */
    public static final int MAX_EXAMPLES = 10;

    public Violation {
        Objects.requireNonNull(kind, "kind");
        examples = List.copyOf(examples.subList(0, Math.min(MAX_EXAMPLES, examples.size())));
    }

    /** What went wrong; the names are the report's vocabulary. */
    public enum Kind {
        /** An acknowledged write is not in the log (or not where it was acknowledged). */
        LOST,
        /** A write is in the log more than once. */
        DUPLICATE,
        /** Within one key, a later write precedes an earlier one in the log. */
        REORDERED,
        /** The group's committed offset of a partition went back. */
        OFFSET_REGRESSION,
        /** Two replicas hold different bytes over the same committed prefix. */
        REPLICA_DIVERGENCE,
        /** No write was acknowledged for longer than allowed. */
        UNAVAILABLE
    }

    /** {@code LOST: 3 (acked seq 5 at p0@4 is missing, ...)}. */
    public String describe() {
        return kind + ": " + count + (examples.isEmpty() ? "" : " (" + String.join("; ", examples)
                + (count > examples.size() ? "; ..." : "") + ")");
    }
}
