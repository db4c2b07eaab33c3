package io.ferrymq.coordinator.election;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one replica's elector stands ({@link ElectionPolicy#phase()}). Each phase names the phases
 * it may move to; {@link ElectionPolicy} refuses any other move with {@link IllegalStateException}.
 *
 * <ul>
 *   <li>{@code IDLE}: out of the latch (not eligible, or the state not read yet);</li>
 *   <li>{@code QUEUED}: joining or in the latch, following;</li>
 *   <li>{@code ELECTING}: won the latch, the election read and conditional write are in flight;</li>
 *   <li>{@code LEADING}: wrote {@code leader=self} and told the listener;</li>
 *   <li>{@code RESIGNED}: controlled shutdown, out of the latch for good;</li>
 *   <li>{@code CLOSED}: terminal, no callbacks follow.</li>
 * </ul>
 * Immutable.
 */
enum ElectionPhase {
    IDLE, QUEUED, ELECTING, LEADING, RESIGNED, CLOSED;

    /** Whether a move from this phase to {@code next} is allowed (staying put always is). */
    boolean canMoveTo(ElectionPhase next) {
        return next == this || successors().contains(next);
    }

    /** Whether the elector is done with the latch for good. */
    boolean isFinal() {
        return this == RESIGNED || this == CLOSED;
    }

    private Set<ElectionPhase> successors() {
        return switch (this) {
            case IDLE -> EnumSet.of(QUEUED, RESIGNED, CLOSED);
            case QUEUED -> EnumSet.of(IDLE, ELECTING, RESIGNED, CLOSED);
            case ELECTING -> EnumSet.of(IDLE, QUEUED, LEADING, RESIGNED, CLOSED);
            case LEADING -> EnumSet.of(IDLE, QUEUED, RESIGNED, CLOSED);
            case RESIGNED -> EnumSet.of(CLOSED);
            case CLOSED -> EnumSet.noneOf(ElectionPhase.class);
        };
    }
}
