package io.ferrymq.coordinator.election;

/**
 * Decides when a joined latch that still has no node counts as lost (pure; see
 * {@code LatchSeat.lostItsNode}): after {@code checksBeforeRejoin} checks in a row that saw no
 * node and counted, where a check does not count while the broker's latch creations are still
 * progressing; each decision doubles the checks the next one needs, up to a maximum. Not
 * thread-safe (one per seat, used on the election thread).
 */
final class MissingNodeCheck {

    private final int max;
    private int required;
    private int missingChecks;

    MissingNodeCheck(int initial, int max) {
        if (initial < 1 || max < initial) {
            throw new IllegalArgumentException("need 1 <= initial <= max, got " + initial + " and " + max);
        }
        this.required = initial;
        this.max = max;
    }

    /** One periodic check; true when the node is to be treated as lost (the caller rejoins). */
    boolean check(boolean nodeMissing, boolean creationsProgressing) {
        if (!nodeMissing) {
            missingChecks = 0;
            return false;
        }
        if (creationsProgressing) {
            return false;
        }
        missingChecks++;
        if (missingChecks < required) {
            return false;
        }
        missingChecks = 0;
        required = Math.min(required * 2, max);
        return true;
    }

    /** Forgets the missing checks counted so far (the latch was left). */
    void reset() {
        missingChecks = 0;
    }

    /** Checks in a row the next decision needs. */
    int required() {
        return required;
    }
}
